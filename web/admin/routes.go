package admin

import (
	"net/http"

	"github.com/openinfo/openinfo"
)

// adminRoute is one back-office route and the permission it needs; the
// authorization matrix test walks this table.
type adminRoute struct {
	Method, Path string
	Action       openinfo.Action
	// Target finds the agency the request acts on (nil: none).
	Target  func(*Admin, *http.Request) (string, error)
	Handler func(*Admin, http.ResponseWriter, *http.Request)
}

func adminRoutes() []adminRoute {
	agency := (*Admin).agencyParam
	user := targetOf(userEntity)
	inAgency := targetOf(agencyEntity)
	ofPoint := targetOf(pointEntity)
	ofProcess := targetOf(processEntity)
	ofRevision := targetOf(revisionEntity)
	ofService := targetOf(serviceEntity)
	ofDelay := targetOf(delayEntity)
	ofUnlock := targetOf(unlockEntity)
	ofEgov := targetOf(egovEntity)
	// A licence report names its reporter: ?point= or ?agency=.
	reporter := (*Admin).reportTarget
	return []adminRoute{
		{"GET", "/admin", openinfo.ActViewAdmin, nil, (*Admin).handleAdminHome},
		{"GET", "/admin/profile", openinfo.ActViewAdmin, nil, (*Admin).handleProfile},
		{"POST", "/admin/profile", openinfo.ActViewAdmin, nil, (*Admin).handleProfile},
		{"GET", "/admin/jobs", openinfo.ActViewJobs, nil, (*Admin).handleJobs},
		{"GET", "/admin/audit", openinfo.ActViewAudit, agency, (*Admin).handleAudit},
		{"GET", "/admin/summary", openinfo.ActViewReports, agency, (*Admin).handleSummary},
		{"GET", "/admin/summary/manuals.csv", openinfo.ActViewReports, agency, (*Admin).handleSummaryExport},
		{"GET", "/admin/summary/manuals.xlsx", openinfo.ActViewReports, agency, (*Admin).handleSummaryExport},
		{"GET", "/admin/delay-notices", openinfo.ActViewDelays, agency, (*Admin).handleDelays},
		{"GET", "/admin/delay-notices.csv", openinfo.ActViewDelays, agency, (*Admin).handleDelaysExport},
		{"GET", "/admin/delay-notices.xlsx", openinfo.ActViewDelays, agency, (*Admin).handleDelaysExport},
		{"GET", "/admin/delay-notices/new", openinfo.ActRecordDelay, agency, (*Admin).handleDelayNew},
		{"POST", "/admin/delay-notices/new", openinfo.ActRecordDelay, agency, (*Admin).handleDelayNew},
		{"GET", "/admin/delay-notices/{id}", openinfo.ActViewDelays, ofDelay, (*Admin).handleDelay},
		{"POST", "/admin/delay-notices/{id}/notices", openinfo.ActRecordDelay, ofDelay, (*Admin).handleDelayNotice},
		{"GET", "/admin/delay-notices/{id}/notices/{seq}/letter", openinfo.ActViewDelays, ofDelay, (*Admin).handleDelayLetter},
		{"POST", "/admin/delay-notices/{id}/decision", openinfo.ActRecordDelay, ofDelay, (*Admin).handleDelayDecision},
		// Reading the records goes with ActViewAudit: central officers
		// (their subtree), OPDC and the platform administrator.
		{"GET", "/admin/egov", openinfo.ActViewAudit, agency, (*Admin).handleEgovList},
		{"GET", "/admin/egov.csv", openinfo.ActViewAudit, agency, (*Admin).handleEgovExport},
		{"GET", "/admin/egov.xlsx", openinfo.ActViewAudit, agency, (*Admin).handleEgovExport},
		{"GET", "/admin/egov/new", openinfo.ActRecordSection10, agency, (*Admin).handleEgovNew},
		{"POST", "/admin/egov/new", openinfo.ActRecordSection10, agency, (*Admin).handleEgovNew},
		{"GET", "/admin/egov/{id}", openinfo.ActViewAudit, ofEgov, (*Admin).handleEgov},
		{"GET", "/admin/egov/{id}/file", openinfo.ActViewAudit, ofEgov, (*Admin).handleEgovFile},
		{"GET", "/admin/egov/{id}/edit", openinfo.ActRecordSection10, ofEgov, (*Admin).handleEgovEdit},
		{"POST", "/admin/egov/{id}/edit", openinfo.ActRecordSection10, ofEgov, (*Admin).handleEgovEdit},
		{"POST", "/admin/egov/{id}/publish", openinfo.ActRecordSection10, ofEgov, (*Admin).handleEgovPublish},
		{"POST", "/admin/egov/{id}/revoke", openinfo.ActRecordSection10, ofEgov, (*Admin).handleEgovRevoke},
		{"GET", "/admin/compliance", openinfo.ActManageCompliance, nil, (*Admin).handleCompliance},
		{"GET", "/admin/compliance.csv", openinfo.ActManageCompliance, nil, complianceExport("csv")},
		{"GET", "/admin/compliance.xlsx", openinfo.ActManageCompliance, nil, complianceExport("xlsx")},
		{"POST", "/admin/compliance/settings", openinfo.ActManageCompliance, nil, (*Admin).handleComplianceSettings},
		{"GET", "/admin/tokens", openinfo.ActManageTokens, agency, (*Admin).handleTokens},
		{"POST", "/admin/tokens", openinfo.ActManageTokens, agency, (*Admin).handleTokenRefresh},
		{"GET", "/admin/users", openinfo.ActManageUsers, agency, (*Admin).handleUsers},
		{"POST", "/admin/users/{id}/role", openinfo.ActManageUsers, user, (*Admin).handleUserRole},
		{"POST", "/admin/users/{id}/remove", openinfo.ActManageUsers, user, (*Admin).handleUserRemove},
		{"GET", "/admin/agencies", openinfo.ActViewAdmin, nil, (*Admin).handleAdminAgencies},
		{"GET", "/admin/agencies/{id}", openinfo.ActViewAdmin, inAgency, (*Admin).handleAdminAgency},
		{"GET", "/admin/agencies/{id}/edit", openinfo.ActEditAgency, inAgency, (*Admin).handleAgencyEdit},
		{"POST", "/admin/agencies/{id}/edit", openinfo.ActEditAgency, inAgency, (*Admin).handleAgencyEdit},
		{"GET", "/admin/agencies/{id}/new", openinfo.ActCreateAgency, inAgency, (*Admin).handleAgencyNew},
		{"POST", "/admin/agencies/{id}/new", openinfo.ActCreateAgency, inAgency, (*Admin).handleAgencyNew},
		{"GET", "/admin/agencies/{id}/reporting-level", openinfo.ActSetReportingLevel, inAgency, (*Admin).handleReportingLevel},
		{"POST", "/admin/agencies/{id}/reporting-level", openinfo.ActSetReportingLevel, inAgency, (*Admin).handleReportingLevel},
		{"GET", "/admin/agencies/{id}/points/new", openinfo.ActEditServicePoint, inAgency, (*Admin).handlePointNew},
		{"POST", "/admin/agencies/{id}/points/new", openinfo.ActEditServicePoint, inAgency, (*Admin).handlePointNew},
		{"GET", "/admin/points/{id}/edit", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePointEdit},
		{"POST", "/admin/points/{id}/edit", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePointEdit},
		{"GET", "/admin/points/{id}/poster", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePosterPage},
		{"GET", "/admin/points/{id}/poster.svg", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePosterSVG},
		{"GET", "/admin/points/{id}/poster.pdf", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePosterPDF},
		{"GET", "/admin/posters", openinfo.ActEditServicePoint, agency, (*Admin).handlePosters},
		{"GET", "/admin/points/{id}/poster/print", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePosterPrint},
		{"GET", "/admin/points/{id}/qr.png", openinfo.ActEditServicePoint, ofPoint, (*Admin).handleQRPNG},
		{"GET", "/admin/points/{id}/qr.svg", openinfo.ActEditServicePoint, ofPoint, (*Admin).handleQRSVG},
		{"GET", "/admin/reports/ratings", openinfo.ActViewReports, (*Admin).reportTarget, (*Admin).handleRatingReport},
		{"GET", "/admin/reports/ratings.csv", openinfo.ActViewReports, (*Admin).reportTarget, (*Admin).handleRatingReportCSV},
		{"GET", "/admin/reports/ratings.xlsx", openinfo.ActViewReports, (*Admin).reportTarget, (*Admin).handleRatingReportXLSX},
		{"GET", "/admin/reports/ratings/raw.csv", openinfo.ActViewReports, (*Admin).reportTarget, (*Admin).handleRawRatings},
		{"GET", "/admin/reports/ratings/raw.xlsx", openinfo.ActViewReports, (*Admin).reportTarget, (*Admin).handleRawRatings},
		{"POST", "/admin/exports", openinfo.ActViewReports, (*Admin).reportTarget, (*Admin).handleQueueExport},
		{"GET", "/admin/exports", openinfo.ActViewAdmin, nil, (*Admin).handleExports},
		{"GET", "/admin/exports/{id}/download", openinfo.ActViewAdmin, nil, (*Admin).handleExportDownload},
		{"GET", "/admin/licence-reports", openinfo.ActReportLicences, reporter, (*Admin).handleLicenceReports},
		{"POST", "/admin/licence-reports", openinfo.ActReportLicences, reporter, (*Admin).handleLicenceSave},
		{"POST", "/admin/licence-reports/zero", openinfo.ActReportLicences, reporter, (*Admin).handleLicenceZero},
		{"POST", "/admin/licence-reports/unlock", openinfo.ActReportLicences, reporter, (*Admin).handleLicenceUnlock},
		{"GET", "/admin/licence-reports/summary", openinfo.ActViewReports, agency, (*Admin).handleLicenceSummary},
		{"GET", "/admin/licence-reports/summary.csv", openinfo.ActViewReports, agency, licenceSummaryExport("csv")},
		{"GET", "/admin/licence-reports/summary.xlsx", openinfo.ActViewReports, agency, licenceSummaryExport("xlsx")},
		{"GET", "/admin/licence-unlocks", openinfo.ActUnlockReport, nil, (*Admin).handleLicenceUnlocks},
		{"POST", "/admin/licence-unlocks/policy", openinfo.ActUnlockReport, nil, (*Admin).handleLicencePolicy},
		{"POST", "/admin/licence-unlocks/{id}", openinfo.ActUnlockReport, ofUnlock, (*Admin).handleLicenceUnlockDecide},
		{"GET", "/admin/holidays", openinfo.ActManageHolidays, nil, (*Admin).handleHolidays},
		{"POST", "/admin/holidays", openinfo.ActManageHolidays, nil, (*Admin).handleHolidayAdd},
		{"POST", "/admin/holidays/{id}/delete", openinfo.ActManageHolidays, nil, (*Admin).handleHolidayDelete},
		{"GET", "/admin/questions", openinfo.ActManageQuestions, nil, (*Admin).handleQuestions},
		{"POST", "/admin/questions", openinfo.ActManageQuestions, nil, (*Admin).handleQuestions},
		{"GET", "/admin/manuals", openinfo.ActViewAdmin, nil, (*Admin).handleAdminManuals},
		{"GET", "/admin/tasks", openinfo.ActViewAdmin, nil, (*Admin).handleTasks},
		{"GET", "/admin/processes/new", openinfo.ActWriteManual, agency, (*Admin).handleProcessNew},
		{"POST", "/admin/processes/new", openinfo.ActWriteManual, agency, (*Admin).handleProcessNew},
		{"GET", "/admin/processes/{id}", openinfo.ActViewAdmin, ofProcess, (*Admin).handleAdminProcess},
		{"GET", "/admin/processes/{id}/edit", openinfo.ActWriteManual, ofProcess, (*Admin).handleProcessEdit},
		{"POST", "/admin/processes/{id}/edit", openinfo.ActWriteManual, ofProcess, (*Admin).handleProcessEdit},
		{"POST", "/admin/processes/{id}/revisions", openinfo.ActWriteManual, ofProcess, (*Admin).handleRevisionOpen},
		{"GET", "/admin/processes/{id}/pins", openinfo.ActPinManual, (*Admin).processPinTarget, (*Admin).handleProcessPins},
		{"POST", "/admin/processes/{id}/pins", openinfo.ActPinManual, (*Admin).processPinTarget, (*Admin).handleProcessPins},
		{"GET", "/admin/revisions/{id}", openinfo.ActViewAdmin, ofRevision, (*Admin).handleAdminRevision},
		{"GET", "/admin/revisions/{id}/edit", openinfo.ActWriteManual, ofRevision, (*Admin).handleRevisionEdit},
		{"POST", "/admin/revisions/{id}/edit", openinfo.ActWriteManual, ofRevision, (*Admin).handleRevisionEdit},
		{"POST", "/admin/revisions/{id}/attachments", openinfo.ActWriteManual, ofRevision, (*Admin).handleAttachmentUpload},
		{"GET", "/admin/revisions/{id}/files/{key}", openinfo.ActViewAdmin, ofRevision, (*Admin).handleRevisionFile},
		{"GET", "/admin/revisions/{id}/compare", openinfo.ActViewAdmin, ofRevision, (*Admin).handleRevisionCompare},
		{"POST", "/admin/revisions/{id}/submit", openinfo.ActWriteManual, ofRevision, (*Admin).handleRevisionEvent},
		{"POST", "/admin/revisions/{id}/approve_step1", openinfo.ActReviewManual, ofRevision, (*Admin).handleRevisionEvent},
		{"POST", "/admin/revisions/{id}/return_step1", openinfo.ActReviewManual, ofRevision, (*Admin).handleRevisionEvent},
		{"POST", "/admin/revisions/{id}/approve_step2", openinfo.ActApproveManualOPDC, ofRevision, (*Admin).handleRevisionEvent},
		{"POST", "/admin/revisions/{id}/return_step2", openinfo.ActApproveManualOPDC, ofRevision, (*Admin).handleRevisionEvent},
		{"GET", "/admin/catalog", openinfo.ActManageCatalog, nil, (*Admin).handleAdminCatalog},
		{"POST", "/admin/catalog", openinfo.ActManageCatalog, nil, (*Admin).handleCatalogCreate},
		{"POST", "/admin/catalog/{id}", openinfo.ActManageCatalog, nil, (*Admin).handleCatalogUpdate},
		{"GET", "/admin/services", openinfo.ActViewAdmin, nil, (*Admin).handleAdminServices},
		{"GET", "/admin/services/new", openinfo.ActEditService, agency, (*Admin).handleServiceNew},
		{"POST", "/admin/services/new", openinfo.ActEditService, agency, (*Admin).handleServiceNew},
		{"GET", "/admin/services/{id}/edit", openinfo.ActEditService, ofService, (*Admin).handleServiceEdit},
		{"POST", "/admin/services/{id}/edit", openinfo.ActEditService, ofService, (*Admin).handleServiceEdit},
		{"GET", "/admin/services/{id}/pins", openinfo.ActPinManual, ofService, (*Admin).handleServicePins},
		{"POST", "/admin/services/{id}/pins", openinfo.ActPinManual, ofService, (*Admin).handleServicePins},
		{"GET", "/admin/onboarding", openinfo.ActApproveOnboarding, nil, (*Admin).handleAdminOnboarding},
		{"GET", "/admin/onboarding/{id}", openinfo.ActApproveOnboarding, nil, (*Admin).handleAdminOnboardingRequest},
		{"GET", "/admin/onboarding/{id}/letter", openinfo.ActApproveOnboarding, nil, (*Admin).handleAdminOnboardingLetter},
		{"POST", "/admin/onboarding/{id}/approve", openinfo.ActApproveOnboarding, nil, (*Admin).handleAdminOnboardingApprove},
		{"POST", "/admin/onboarding/{id}/reject", openinfo.ActApproveOnboarding, nil, (*Admin).handleAdminOnboardingReject},
	}
}
