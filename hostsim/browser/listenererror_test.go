package browser

import "testing"

// listenerErrorHandler answers {k} by throwing or rejecting with the value under test; the cases
// and their results were measured in Chromium 156.
const listenerErrorHandler = `chrome.runtime.onMessage.addListener((m) => {
	const named = (msg, mutate) => { const e = new Error(msg); mutate(e); return e; };
	switch (m.k) {
	case "throw": throw new Error("sync error");
	case "throwTyped": throw new TypeError("typed");
	case "throwSubclass": { class MyError extends Error { constructor(x) { super(x); this.name = "MyError"; } } throw new MyError("sub"); }
	case "throwChanged": throw named("orig", (e) => { e.message = "changed"; });
	case "throwGetter": throw named("orig", (e) => Object.defineProperty(e, "message", {get: () => "got"}));
	case "throwNoName": throw named("x", (e) => { e.name = ""; });
	case "throwMultiline": throw new Error("a\nb");
	case "throwEmpty": throw new Error("");
	case "throwDeleted": throw named("orig", (e) => { delete e.message; });
	case "throwNumberMessage": throw named("orig", (e) => { e.message = 42; });
	case "throwObject": throw {message: "plain"};
	case "throwString": throw "plain";
	case "throwFakeError": throw Object.create(Error.prototype);
	case "reject": return Promise.reject(new RangeError("rejected"));
	case "rejectEmpty": return Promise.reject(new Error(""));
	case "rejectNumberMessage": return Promise.reject(named("o", (e) => { e.message = 7; }));
	case "rejectObject": return Promise.reject({message: "plain"});
	case "rejectFakeError": return Promise.reject(Object.create(Error.prototype));
	}
});
chrome.runtime.onMessage.addListener((m, s, reply) => {
	if (m.k === "throwEmpty") { setTimeout(() => reply("late"), 10); return true; }
});`

// Conformance 32–34, as Chromium 156 does them: the sender's promise rejects with the Error's
// message as is (no "Uncaught <Name>: " prefix, whatever the Error's class or name); an Error
// whose message is empty closes the channel with no error, so the sender sees no response even
// when another listener promised one; anything that is not a genuine Error with a string message
// gets the fallback text of its case.
func TestListenerErrorsReachTheSenderAsChromiumReportsThem(t *testing.T) {
	const unparsable = "Error message from listener couldn't be parsed or was empty."
	const rejectedWithoutError = "A runtime.onMessage listener's promise rejected without an Error"
	cases := []struct {
		k    string
		want string
	}{
		{"throw", `{"err":"sync error","str":"Error: sync error"}`},
		{"throwTyped", `{"err":"typed","str":"Error: typed"}`},
		{"throwSubclass", `{"err":"sub","str":"Error: sub"}`},
		{"throwChanged", `{"err":"changed","str":"Error: changed"}`},
		{"throwGetter", `{"err":"got","str":"Error: got"}`},
		{"throwNoName", `{"err":"x","str":"Error: x"}`},
		{"throwMultiline", `{"err":"a\nb","str":"Error: a\nb"}`},
		{"throwEmpty", `{"ok":"undefined"}`},
		{"throwDeleted", `{"ok":"undefined"}`},
		{"throwNumberMessage", `{"err":"` + unparsable + `","str":"Error: ` + unparsable + `"}`},
		{"throwObject", `{"err":"` + unparsable + `","str":"Error: ` + unparsable + `"}`},
		{"throwString", `{"err":"` + unparsable + `","str":"Error: ` + unparsable + `"}`},
		{"throwFakeError", `{"err":"` + unparsable + `","str":"Error: ` + unparsable + `"}`},
		{"reject", `{"err":"rejected","str":"Error: rejected"}`},
		{"rejectEmpty", `{"ok":"undefined"}`},
		{"rejectNumberMessage", `{"err":"` + rejectedWithoutError + `","str":"Error: ` + rejectedWithoutError + `"}`},
		{"rejectObject", `{"err":"` + rejectedWithoutError + `","str":"Error: ` + rejectedWithoutError + `"}`},
		{"rejectFakeError", `{"err":"` + rejectedWithoutError + `","str":"Error: ` + rejectedWithoutError + `"}`},
	}
	for _, tc := range cases {
		t.Run(tc.k, func(t *testing.T) {
			e := newEnv(t, Options{})
			e.run(e.wk, listenerErrorHandler)
			e.assertJSON(e.cs, `chrome.runtime.sendMessage({k: "`+tc.k+`"}).then(
				(v) => ({ok: v === undefined ? "undefined" : v}), (e) => ({err: e.message, str: String(e)}))`, tc.want)
		})
	}
}

// Conformance 39, 41: in callback form the same errors arrive as lastError, and an Error with an
// empty message is the "port closed" lastError of a listener that did not answer.
func TestListenerErrorsInCallbackForm(t *testing.T) {
	cases := []struct {
		k    string
		want string
	}{
		{"throw", `[0,"sync error"]`},
		{"reject", `[0,"rejected"]`},
		{"rejectEmpty", `[0,"The message port closed before a response was received."]`},
	}
	for _, tc := range cases {
		t.Run(tc.k, func(t *testing.T) {
			e := newEnv(t, Options{})
			e.run(e.wk, listenerErrorHandler)
			e.assertJSON(e.cs, `new Promise((r) => chrome.runtime.sendMessage({k: "`+tc.k+`"},
				(...a) => r([a.length, chrome.runtime.lastError.message])))`, tc.want)
		})
	}
}
