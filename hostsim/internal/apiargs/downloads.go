package apiargs

import (
	"slices"
	"strings"
)

// chrome.downloads' error texts, verbatim from Chromium 156 (scenario downloads). The namespace's
// argument checks come from Chrome's schema.
const (
	// ErrDownloadsInvalidURL: download's url does not parse as an absolute URL.
	ErrDownloadsInvalidURL = "Invalid URL"
	// ErrDownloadsInvalidFilename: download's filename is empty, absolute, has a ".." part or a
	// backslash.
	ErrDownloadsInvalidFilename = "Invalid filename"
	// ErrDownloadsUnsafeHeader: download's headers name one the browser sets itself
	// (DownloadsUnsafeHeader).
	ErrDownloadsUnsafeHeader = "Unsafe request header name"
	// ErrDownloadsInvalidHeaderName: a header name that is not an HTTP token.
	ErrDownloadsInvalidHeaderName = "Invalid request header name"
	// ErrDownloadsInvalidHeaderValue: a header value with a NUL, CR or LF.
	ErrDownloadsInvalidHeaderValue = "Invalid request header value"
	// ErrDownloadsInvalidID: no download has the id (pause, resume, removeFile, getFileIcon).
	ErrDownloadsInvalidID = "Invalid downloadId"
	// ErrDownloadsNotInProgress: pause of a download that has ended.
	ErrDownloadsNotInProgress = "Download must be in progress"
	// ErrDownloadsNotComplete: removeFile of a download that did not complete.
	ErrDownloadsNotComplete = "Download must be complete"
	// ErrDownloadsCannotResume: resume of an interrupted download that cannot be resumed.
	ErrDownloadsCannotResume = "DownloadItem.canResume must be true"
	// ErrDownloadsFileDeleted: removeFile of a download whose file is gone.
	ErrDownloadsFileDeleted = "Download file already deleted"
	// ErrDownloadsUserGesture: open called without a user gesture.
	ErrDownloadsUserGesture = "User gesture required"
	// ErrDownloadsIconNotFound: getFileIcon in headless Chromium, which has no icons for files.
	ErrDownloadsIconNotFound = "Icon not found"
	// ErrDownloadsInvalidQueryFilter: search or erase with a filenameRegex or urlRegex that does
	// not compile.
	ErrDownloadsInvalidQueryFilter = "Invalid query filter"
	// ErrDownloadsInvalidOrderBy: search with an orderBy field Chrome does not sort by.
	ErrDownloadsInvalidOrderBy = "Invalid orderBy field"
	// ErrDownloadsInvalidLimit: search with a negative limit.
	ErrDownloadsInvalidLimit = "Invalid query limit"
	// ErrDownloadsUIPermission: setUiOptions without the "downloads.ui" permission.
	ErrDownloadsUIPermission = `downloads.setUiOptions requires the "downloads.ui" permission`
)

// downloadsUnsafeHeaders are the request headers download refuses, lower-cased (Chromium's
// forbidden header names; measured in Chromium 156: DNT and User-Agent are among them,
// Authorization, Accept and Content-Type are not).
var downloadsUnsafeHeaders = []string{"accept-charset", "accept-encoding", "access-control-request-headers",
	"access-control-request-method", "connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect",
	"host", "keep-alive", "origin", "referer", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "via"}

// DownloadsUnsafeHeader reports whether download refuses to send the header name: one of
// Chromium's forbidden names, or one starting with "proxy-" or "sec-".
func DownloadsUnsafeHeader(name string) bool {
	n := strings.ToLower(name)
	return slices.Contains(downloadsUnsafeHeaders, n) || strings.HasPrefix(n, "proxy-") || strings.HasPrefix(n, "sec-")
}
