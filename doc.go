// Package openinfo is the domain of openinfo, and only the domain:
//
//   - the types: agencies, service points and their hours, processes and
//     their citizen manuals (ManualContent, revisions), other services, the
//     Service Catalog, users, roles, tokens, onboarding requests, ratings,
//     Electronic Government Act Section 10/16 records (EgovRecord);
//   - pure rules over them: the revision workflow, who may do what (Can), a
//     manual's total duration and the text search indexes of it
//     (SearchText), token redemption, Thai sort order, the Section 10/16
//     workflow and OPDC's compliance dashboard (ComputeEgovCompliance);
//   - normalisation and validation of what people type, Thai identifiers and
//     phone numbers included, and attachment sniffing (CheckAttachment);
//   - errors (Error) whose messages are in Thai and English, and the
//     bilingual Text that code lists and names are shown with.
//
// It imports nothing of ours and touches no database, network or file: the
// store persists these types, the web layer shows them. Rendering for display
// lives with its users (manualtext renders a manual's sections for the
// compare views), so this package does not grow into a grab-bag.
package openinfo
