package chromeschema

import "strings"

// integerNames are the numbers that are integers in Chrome's own schema, by the name of what holds
// them. chrome-types writes every number as TypeScript's number, so readers of this schema tell
// integers (ids, indices, counts, pixel geometry, whole seconds) by name; every other number is a
// double. Measured against Chromium 156's invocation errors, which name the kind ("integer
// numberOfItems", "integer detectionIntervalInSeconds"; the schema-arguments scenario).
var integerNames = map[string]bool{
	"id": true, "index": true, "count": true, "width": true, "height": true, "top": true,
	"left": true, "x": true, "y": true, "limit": true, "maxResults": true, "port": true,
	"priority": true, "code": true, "status": true, "statusCode": true, "tabId": true,
}

var integerSuffixes = []string{"Id", "Ids", "Index", "Count", "Width", "Height", "Top", "Left", "InSeconds"}

// IsIntegerName reports whether a number held under name (a parameter or property name; an
// array's elements go by the array's name) is an integer in Chrome's schema.
func IsIntegerName(name string) bool {
	if integerNames[name] || strings.HasPrefix(name, "numberOf") {
		return true
	}
	for _, s := range integerSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}
