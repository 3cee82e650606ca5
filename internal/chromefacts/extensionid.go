package chromefacts

import "fmt"

// ExtensionIDLength is the length of an extension ID: 32 letters, each encoding 4 bits of a SHA-256
// prefix as 'a' to 'p'.
const ExtensionIDLength = 32

// IsExtensionID reports whether id is an extension ID as Chrome generates and reports it: 32 lower
// case letters a–p. Sender IDs and the IDs in a native host's allowed_origins have this form.
func IsExtensionID(id string) bool {
	if len(id) != ExtensionIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 'a' || id[i] > 'p' {
			return false
		}
	}
	return true
}

// ExtensionIDAccepted reports whether Chrome's crx_file::id_util::IdIsValid accepts id, as the
// messaging APIs check an extension ID argument: the shape of IsExtensionID in any letter case.
func ExtensionIDAccepted(id string) bool {
	if len(id) != ExtensionIDLength {
		return false
	}
	lower := make([]byte, len(id))
	for i := 0; i < len(id); i++ {
		lower[i] = id[i] | 0x20 // ASCII lower case; bytes that are not letters stay outside a-p
	}
	return IsExtensionID(string(lower))
}

// InvalidExtensionID is Chrome's error for a non-empty extension ID argument that
// ExtensionIDAccepted refuses.
func InvalidExtensionID(id string) string { return fmt.Sprintf("Invalid extension id: '%s'", id) }
