package apiargs

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

// TestFromSchemaMatchesChromium: calls of functions hostsim does not model, and what Chromium 156
// throws for them (measured in a worker of the scenario fixture surfaceext; the same calls run in
// both browsers in the schema-arguments scenario). "" means Chromium takes the arguments.
func TestFromSchemaMatchesChromium(t *testing.T) {
	s := chromeschema.MustLoad()
	cases := []struct{ fn, args, want string }{
		{"cookies.getAll", `5`, "Error in invocation of cookies.getAll(object details, optional function callback): No matching signature."},
		{"cookies.getAll", `{bogus: 1}`, "Error in invocation of cookies.getAll(object details, optional function callback): Error at parameter 'details': Unexpected property: 'bogus'."},
		{"cookies.getAll", `{}, 5`, "Error in invocation of cookies.getAll(object details, optional function callback): No matching signature."},
		{"cookies.getAll", `{}, () => {}`, ""},
		{"cookies.getAll", `{url: "https://a.example/"}`, ""},
		{"cookies.get", `{url: "https://a.example/"}`, "Error in invocation of cookies.get(cookies.CookieDetails details, optional function callback): Error at parameter 'details': Missing required property 'name'."},
		{"cookies.set", `{url: 5}`, "Error in invocation of cookies.set(object details, optional function callback): Error at parameter 'details': Error at property 'url': Invalid type: expected string, found integer."},
		{"bookmarks.get", `5`, "Error in invocation of bookmarks.get([string|array] idOrIdList, optional function callback): No matching signature."},
		{"bookmarks.get", `[]`, "Error in invocation of bookmarks.get([string|array] idOrIdList, optional function callback): Error at parameter 'idOrIdList': Value did not match any choice."},
		{"bookmarks.get", `[5]`, "Error in invocation of bookmarks.get([string|array] idOrIdList, optional function callback): Error at parameter 'idOrIdList': Value did not match any choice."},
		{"bookmarks.get", `["1", "2"]`, ""},
		{"bookmarks.create", `{title: 5}`, "Error in invocation of bookmarks.create(bookmarks.CreateDetails bookmark, optional function callback): Error at parameter 'bookmark': Error at property 'title': Invalid type: expected string, found integer."},
		{"bookmarks.getRecent", `1.5`, "Error in invocation of bookmarks.getRecent(integer numberOfItems, optional function callback): No matching signature."},
		{"bookmarks.getRecent", `0`, "Error in invocation of bookmarks.getRecent(integer numberOfItems, optional function callback): Error at parameter 'numberOfItems': Value must be at least 1."},
		{"bookmarks.create", `{parentId: "1", index: -1, title: "z"}`, "Error in invocation of bookmarks.create(bookmarks.CreateDetails bookmark, optional function callback): Error at parameter 'bookmark': Error at property 'index': Value must be at least 0."},
		{"idle.queryState", `1`, "Error in invocation of idle.queryState(integer detectionIntervalInSeconds, optional function callback): Error at parameter 'detectionIntervalInSeconds': Value must be at least 15."},
		{"bookmarks.move", `"1", {index: "x"}`, "Error in invocation of bookmarks.move(string id, object destination, optional function callback): Error at parameter 'destination': Error at property 'index': Invalid type: expected integer, found string."},
		{"history.search", `{}`, "Error in invocation of history.search(object query, optional function callback): Error at parameter 'query': Missing required property 'text'."},
		{"history.search", `{text: "", maxResults: "x"}`, "Error in invocation of history.search(object query, optional function callback): Error at parameter 'query': Error at property 'maxResults': Invalid type: expected integer, found string."},
		{"history.search", `{text: "", maxResults: 1.5}`, "Error in invocation of history.search(object query, optional function callback): Error at parameter 'query': Error at property 'maxResults': Invalid type: expected integer, found number."},
		{"history.deleteUrl", `{url: 5}`, "Error in invocation of history.deleteUrl(history.UrlDetails details, optional function callback): Error at parameter 'details': Error at property 'url': Invalid type: expected string, found integer."},
		{"history.addUrl", `{url: "x", extra: 1}`, "Error in invocation of history.addUrl(history.UrlDetails details, optional function callback): Error at parameter 'details': Unexpected property: 'extra'."},
		{"idle.queryState", `"15"`, "Error in invocation of idle.queryState(integer detectionIntervalInSeconds, optional function callback): No matching signature."},
		{"idle.setDetectionInterval", ``, "Error in invocation of idle.setDetectionInterval(integer intervalInSeconds): No matching signature."},
		{"downloads.search", `{bogus: 1}`, "Error in invocation of downloads.search(downloads.DownloadQuery query, optional function callback): Error at parameter 'query': Unexpected property: 'bogus'."},
		{"downloads.download", `{url: "https://a.example/", conflictAction: "nope"}`, "Error in invocation of downloads.download(downloads.DownloadOptions options, optional function callback): Error at parameter 'options': Error at property 'conflictAction': Value must be one of overwrite, prompt, uniquify."},
		{"downloads.setUiOptions", `{}`, "Error in invocation of downloads.setUiOptions(downloads.UiOptions options, optional function callback): Error at parameter 'options': Missing required property 'enabled'."},
		{"sessions.getRecentlyClosed", `{maxResults: "1"}`, "Error in invocation of sessions.getRecentlyClosed(optional sessions.Filter filter, optional function callback): Error at parameter 'filter': Error at property 'maxResults': Invalid type: expected integer, found string."},
		{"topSites.get", `5`, "Error in invocation of topSites.get(optional function callback): No matching signature."},
		{"tts.speak", `5`, "Error in invocation of tts.speak(string utterance, optional tts.TtsOptions options, optional function callback): No matching signature."},
		{"tts.speak", `"x", {rate: "x"}`, "Error in invocation of tts.speak(string utterance, optional tts.TtsOptions options, optional function callback): Error at parameter 'options': Error at property 'rate': Invalid type: expected number, found string."},
		{"tts.speak", `"x", {rate: NaN}`, "Error in invocation of tts.speak(string utterance, optional tts.TtsOptions options, optional function callback): Error at parameter 'options': Error at property 'rate': Value must not be NaN or Infinity."},
		{"fontSettings.getFont", `{genericFamily: "x"}`, "Error in invocation of fontSettings.getFont(object details, optional function callback): Error at parameter 'details': Error at property 'genericFamily': Value must be one of cursive, fantasy, fixed, math, sansserif, serif, standard."},
		{"readingList.query", `{url: 5}`, "Error in invocation of readingList.query(readingList.QueryInfo info, optional function callback): Error at parameter 'info': Error at property 'url': Invalid type: expected string, found integer."},
		{"management.get", `5`, "Error in invocation of management.get(string id, optional function callback): No matching signature."},
		{"search.query", `{text: 5}`, "Error in invocation of search.query(search.QueryInfo queryInfo, optional function callback): Error at parameter 'queryInfo': Error at property 'text': Invalid type: expected string, found integer."},
		{"power.requestKeepAwake", `"x"`, "Error in invocation of power.requestKeepAwake(power.Level level): Error at parameter 'level': Value must be one of display, system."},
		{"identity.getAuthToken", `5`, "Error in invocation of identity.getAuthToken(optional identity.TokenDetails details, optional function callback): No matching signature."},
		{"tabGroups.update", `"x", {}`, "Error in invocation of tabGroups.update(integer groupId, object updateProperties, optional function callback): No matching signature."},
		{"declarativeNetRequest.updateDynamicRules", `5`, "Error in invocation of declarativeNetRequest.updateDynamicRules(declarativeNetRequest.UpdateRuleOptions options, optional function callback): No matching signature."},
		{"declarativeNetRequest.getDynamicRules", `{ruleIds: ["a"]}`, "Error in invocation of declarativeNetRequest.getDynamicRules(optional declarativeNetRequest.GetRulesFilter filter, optional function callback): Error at parameter 'filter': Error at property 'ruleIds': Error at index 0: Invalid type: expected integer, found string."},
		{"gcm.send", `5`, "Error in invocation of gcm.send(object message, optional function callback): No matching signature."},
	}
	for _, c := range cases {
		t.Run(c.fn+"("+c.args+")", func(t *testing.T) {
			m := FromSchema(s, c.fn)
			require.NotNil(t, m)
			vm := goja.New()
			_, err := m.Parse(vm, args(t, vm, c.args))
			if c.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, c.want, err.Error())
		})
	}
	assert.Nil(t, FromSchema(s, "cookies.nope"))
	assert.Same(t, FromSchema(s, "cookies.getAll"), FromSchema(s, "cookies.getAll"))
}

// TestFromSchemaAgreesWithTheMeasuredMethods: the hand-written Methods were written from what
// Chromium 156 prints; the schema-derived ones must print the same signatures, except where
// chrome-types names a type Chromium's schema keeps inline (which Chromium prints "object").
func TestFromSchemaAgreesWithTheMeasuredMethods(t *testing.T) {
	s := chromeschema.MustLoad()
	namedByChromeTypes := map[string]bool{
		"windows.get": true, "windows.getCurrent": true, "windows.getLastFocused": true, "windows.getAll": true,
	}
	compared := 0
	for _, m := range methods {
		f := FromSchema(s, m.Name)
		if f == nil || namedByChromeTypes[m.Name] {
			continue
		}
		compared++
		assert.Equal(t, m.Signature(), f.Signature(), m.Name)
	}
	assert.Greater(t, compared, 70)
}
