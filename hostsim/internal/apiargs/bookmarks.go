package apiargs

// chrome.bookmarks' error texts, verbatim from Chromium 156 (scenario bookmarks). Its argument
// checks come from Chrome's schema (FromSchema).
const (
	ErrBookmarkNotFound        = "Can't find bookmark for id."
	ErrBookmarkInvalidID       = "Bookmark id is invalid."
	ErrBookmarkParentNotFound  = "Can't find parent bookmark for id."
	ErrBookmarkModifyRoot      = "Can't modify the root bookmark folders."
	ErrBookmarkInvalidURL      = "Invalid URL."
	ErrBookmarkParentNotDir    = "Parameter 'parentId' does not specify a folder."
	ErrBookmarkIndexOutOfRange = "Index out of bounds."
	ErrBookmarkFolderURL       = "Can't set URL of a bookmark folder."
	ErrBookmarkMoveIntoSelf    = "Can't move a folder to itself or its descendant."
	ErrBookmarkFolderNotEmpty  = "Can't remove non-empty folder (use recursive to force)."
)
