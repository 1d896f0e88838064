// Package search is the in-memory full-text index of openinfo: published
// citizen manuals, other services, agencies and service points, searched in
// Thai (and English) with ranking, facets, typo tolerance and highlighting.
//
// # Text
//
// Every field is normalised with thai.Normalize and cut into words with the
// dictionary segmenter (thai.Dict.SegmentOffsets); Latin words are lower
// case, Thai digits become ASCII. A compound that the dictionary keeps whole
// (บัตรประจำตัวประชาชน) is also indexed as its parts (บัตร ประจำตัว ประชาชน),
// so that it is found by any of them. The index adds the domain's own words
// (place names, short common names, unknown stretches of names) to the
// dictionary before indexing them (see Index.AddWords); it still works with
// thai.Default or an empty dictionary, at lower quality.
//
// # Ranking
//
// BM25F over five fields (title > alternative names > agency, place > body),
// a boost when query words stand next to each other in the title or a
// common name (more when it is exactly the query), a boost when a common
// name (Doc.Alt) holds the whole query (so that typing what people call a
// process finds it first), a small static prior (Doc.Boost), prefix
// matching of the last query word (as typed, trailing spaces or not),
// synonyms (the table in synonyms.go and the common names of the
// documents), and a fall-back for typing errors, decided by the quality of
// the match rather than the number of results: when few documents match,
// when a word is in no document, or when the segmenter cut a word into
// fragments (single letters, rare or unknown pieces: สมลส → สม ล ส), the
// pieces are corrected against the vocabulary (character trigrams and edit
// distance) and the corrected query is both searched and offered as "did
// you mean". A dictionary word alone is corrected only when no document
// holds it and the correction is near; a rare one is left alone (หาย in
// ทำบัตรประชาชนหาย). Hits matching only some words say so (Hit.Partial).
//
// # Matching
//
// A document must match every query word (or a synonym of it), except that
// weak words (การ, ขอ, ทำ, …) are optional (and not marked as hits) and, in
// queries of three words or more, one word in four may be missing, at a
// factor of 16 in score per missing word: whole matches rank first. When that gives
// fewer than a handful of results, any word matching is enough.
//
// # Execution
//
// A search is exact but does not score every match. The set of
// matching documents is computed as bitsets (frequent terms keep one,
// mid-frequency terms the non-zero words of one), counted first over
// summaries (a bit per word of 64 documents) and then only over the words
// where enough of the query's words have documents; later passes (the
// total, facet counts, candidate blocks) visit the words the summary
// marks. Result.Total and the facet counts are exact popcounts, cheap even
// when most of the index matches; a word of 64 documents that mostly
// matches adds its facet histogram at once, less the others. The variants
// of a query (synonyms rewrite it, a learnt synonym is a whole process
// name) share their word groups, so each distinct word is matched, bounded
// and scored once per block. Scoring uses
// block-max pruning: documents are numbered in order of kind, title, prior
// and id (the documents of one process are neighbours), every frequent term
// keeps the highest score it can give in each block of 128 documents, and
// blocks are scored best bound first until no remaining block can reach the
// page. The hits are those that scoring every match would give.
//
// Thousands of local governments publish copies of one template manual, and
// their scores are nearly equal. Field lengths are kept to four significant
// bits for the length norms (as Lucene keeps norms in a byte) and scores are
// compared at 9 bits of precision, ties ranking by kind and id; a block's
// bound takes the exact phrase and name boosts of the title classes it holds.
// A block of copies whose best possible score only ties the page's last hit
// and whose ids come after it is then skipped without scoring. Phrase boosts
// are tested bit-parallel (a bit per phrase position) and only where a
// document of the block holds a phrase word in its title or names.
//
// The words of stored titles and bodies (in normal form) are kept at build
// time, shared by the documents with the same text, so hits are marked
// without segmenting them again. Query.RankOnly skips the facet counts and
// the marked spans (suggestions, and the benchmark's comparison with
// engines that return a ranking only).
//
// The code of a search is in exec.go (its state) and a file per stage:
// match.go (the matching documents, as bitsets, and their number),
// facets.go (the table of facet values, filters and the counts), bound.go
// (the bounds of the blocks, visited best first), marks.go (the blocks
// whose bound may take a phrase or name boost), score.go (scoring the
// blocks that can make the page) and boost.go (phrase and name boosts);
// scratch.go lends them their buffers.
//
// # Updates and concurrency
//
// The index is a list of immutable segments plus, per segment, a copy-on-write
// set of deleted documents, published together as a snapshot through an
// atomic pointer. Readers never take a lock. Upsert indexes the new documents
// into a new small segment and marks their old versions deleted; a background
// merge folds small segments together (and into the big one when they grow),
// so a single-document update costs microseconds, not a rebuild.
package search
