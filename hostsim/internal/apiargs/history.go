package apiargs

// ErrHistoryInvalidURL is history.addUrl's error for a url that does not parse, verbatim from
// Chromium 156 (scenario history). The namespace's argument checks come from Chrome's schema.
const ErrHistoryInvalidURL = "Url is invalid."
