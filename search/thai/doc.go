// Package thai normalises and segments Thai text for search.
//
// Thai is written without spaces between words, so search needs a word
// segmenter. This package provides:
//
//   - Normalize: a canonical form for indexing and querying (NFC, no
//     zero-width or control characters, one canonical sara am, no doubled
//     marks, ASCII digits, lower case, single spaces).
//   - Dict: a word list (a trie over runes) filled from a built-in seed list
//     written for openinfo, from one-word-per-line files, from hunspell .dic
//     files (UTF-8 or TIS-620) and from the domain's own names.
//   - Dict.Segment / Dict.SegmentOffsets: dictionary-based maximal matching
//     over Thai Character Clusters (TCC), so that unknown words are kept in
//     whole clusters and never split a consonant from its vowels or tone
//     marks.
//
// The package works with no dictionary file at all (Default uses only the
// embedded seed list); a system dictionary (Debian's hunspell-th) improves
// quality when present. No third-party word list is stored in the
// repository.
package thai
