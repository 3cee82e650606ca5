package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// actionState reads the toolbar action's state, global and for the tab: [global, tab] for each.
const actionState = `(async () => {
	const tab = {{tab:main}}, a = chrome.action;
	return {
		text: [await a.getBadgeText({}), await a.getBadgeText({tabId: tab})],
		bg: [await a.getBadgeBackgroundColor({}), await a.getBadgeBackgroundColor({tabId: tab})],
		fg: [await a.getBadgeTextColor({}), await a.getBadgeTextColor({tabId: tab})],
		title: [await a.getTitle({}), await a.getTitle({tabId: tab})],
		popup: [(await a.getPopup({})).replace(location.origin, ""), (await a.getPopup({tabId: tab})).replace(location.origin, "")],
		enabled: [await a.isEnabled(), await a.isEnabled(tab)],
	};
})()`

// actionEdge calls chrome.action with arguments at and past the edge of what Chrome accepts and
// collects [case, outcome, value or error text].
const actionEdge = `(async () => {
	const a = chrome.action, out = [];
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : v]); } catch (e) { out.push([name, e.constructor.name, e.message]); } };
	await attempt("text number", () => a.setBadgeText({text: 3}));
	await attempt("text bad tab", () => a.setBadgeText({text: "x", tabId: 999999}));
	await attempt("get bad tab", () => a.getBadgeText({tabId: 999999}));
	await attempt("bg nonsense", () => a.setBadgeBackgroundColor({color: "nonsense"}));
	await attempt("bg 3", () => a.setBadgeBackgroundColor({color: [1, 2, 3]}));
	await attempt("bg 300", () => a.setBadgeBackgroundColor({color: [300, 2, 3, 4]}));
	await attempt("text empty obj", () => a.setBadgeText({}));
	await attempt("get no arg", () => a.getBadgeText());
	await attempt("popup missing", () => a.setPopup({popup: "missing.html"}));
	await attempt("popup abs", () => a.setPopup({popup: "https://example.com/"}));
	await attempt("title empty obj", () => a.setTitle({}));
	await attempt("enable bad tab", () => a.enable(999999));
	await attempt("settings", () => a.getUserSettings());
	await attempt("text long", () => a.setBadgeText({text: "12345678"}).then(() => a.getBadgeText({})));
	await attempt("text null", () => a.setBadgeText({text: null}).then(() => a.getBadgeText({})));
	await attempt("bg rgb", () => a.setBadgeBackgroundColor({color: "rgb(1,2,3)"}).then(() => a.getBadgeBackgroundColor({})));
	await attempt("bg short hex", () => a.setBadgeBackgroundColor({color: "#abc"}).then(() => a.getBadgeBackgroundColor({})));
	await attempt("fg name", () => a.setBadgeTextColor({color: "white"}).then(() => a.getBadgeTextColor({})));
	await attempt("popup empty", () => a.setPopup({popup: ""}).then(() => a.getPopup({})));
	await attempt("icon missing", () => a.setIcon({path: "icon.png"}));
	await attempt("icon none", () => a.setIcon({}));
	await attempt("callback", () => new Promise((r) => a.getBadgeText({}, (v) => r(v))));
	await attempt("openPopup bad window", () => a.openPopup({windowId: 999999}));
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "action-state",
		Doc: "chrome.action's badge text and colours, title, popup and enabled state, global and per tab: the defaults " +
			"(no text, transparent [0,0,0,0] colours, the extension's name as title, the default popup, enabled), a tab's " +
			"overrides over the global state, CSS colours read as RGBA, the errors and their texts (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", actionState),
				Want: `{"value":{"text":["",""],"bg":[[0,0,0,0],[0,0,0,0]],"fg":[[0,0,0,0],[0,0,0,0]],"title":["extwasm scenarios","extwasm scenarios"],"popup":["/popup.html","/popup.html"],"enabled":[true,true]}}`},
			{Do: extwasmtest.Eval("worker", `(async () => { const tab = {{tab:main}}, a = chrome.action;
				await a.setBadgeText({text: "3"}); await a.setBadgeText({text: "7", tabId: tab});
				await a.setBadgeBackgroundColor({color: "#ff0000"}); await a.setBadgeBackgroundColor({color: [0, 255, 0, 128], tabId: tab});
				await a.setBadgeTextColor({color: "blue"});
				await a.setTitle({title: "Global"}); await a.setTitle({title: "Tab", tabId: tab});
				await a.setPopup({popup: "options.html", tabId: tab});
				await a.disable(tab);
				return true; })()`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", actionState),
				Want: `{"value":{"text":["3","7"],"bg":[[255,0,0,255],[0,255,0,128]],"fg":[[0,0,255,255],[0,0,255,255]],"title":["Global","Tab"],"popup":["/popup.html","/options.html"],"enabled":[true,false]}}`},
			{Do: extwasmtest.Eval("worker", actionEdge), Want: `{"value":[` +
				`["text number","TypeError","Error in invocation of action.setBadgeText(object details, optional function callback): Error at parameter 'details': Error at property 'text': Invalid type: expected string, found integer."],` +
				`["text bad tab","Error","No tab with id: 999999."],["get bad tab","Error","No tab with id: 999999."],` +
				`["bg nonsense","Error","The color specification could not be parsed."],` +
				`["bg 3","TypeError","Error in invocation of action.setBadgeBackgroundColor(object details, optional function callback): Error at parameter 'details': Error at property 'color': Value did not match any choice."],` +
				`["bg 300","TypeError","Error in invocation of action.setBadgeBackgroundColor(object details, optional function callback): Error at parameter 'details': Error at property 'color': Value did not match any choice."],` +
				`["text empty obj","ok",null],` +
				`["get no arg","TypeError","Error in invocation of action.getBadgeText(action.TabDetails details, optional function callback): No matching signature."],` +
				`["popup missing","ok",null],` +
				`["popup abs","Error","The specified popup path is invalid. Ensure it is a path to a file in this extension."],` +
				`["title empty obj","TypeError","Error in invocation of action.setTitle(object details, optional function callback): Error at parameter 'details': Missing required property 'title'."],` +
				`["enable bad tab","Error","No tab with id: 999999."],["settings","ok",{"isOnToolbar":false}],` +
				`["text long","ok","12345678"],["text null","ok",""],["bg rgb","ok",[1,2,3,255]],["bg short hex","ok",[170,187,204,255]],` +
				`["fg name","ok",[255,255,255,255]],["popup empty","ok",""],` +
				`["icon missing","Error","Failed to set icon 'icon.png': Failed to fetch"],` +
				`["icon none","Error","Either the path or imageData property must be specified."],["callback","ok",""],` +
				`["openPopup bad window","Error","No window with id: 999999."]]}`},
		},
	})
}
