package chrome_test

import (
	"context"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/chrome"
	"github.com/extwasm/extwasm/chrome/alarms"
	"github.com/extwasm/extwasm/chrome/runtime"
	"github.com/extwasm/extwasm/chrome/storage"
	"github.com/extwasm/extwasm/chrome/tabs"
	"github.com/extwasm/extwasm/jsglue"
)

// fakeChrome is a small chrome.* in standard JavaScript that records each call's arguments in
// calls and answers as Chrome does for the cases these tests use. fire(name, ...args) fires an
// event.
const fakeChrome = `(function () {
  function ev() { const ls = []; return { ls, addListener(f) { ls.push(f); }, removeListener(f) { const i = ls.indexOf(f); if (i >= 0) ls.splice(i, 1); } }; }
  const calls = globalThis.calls = [];
  const rec = (name, fn) => function (...a) { calls.push([name, a]); return fn(...a); };
  const store = {};
  const area = {
    get: rec('storage.local.get', (keys) => Promise.resolve(Object.fromEntries(Object.entries(store).filter(([k]) => keys === null || keys.includes(k))))),
    set: rec('storage.local.set', (items) => { Object.assign(store, items); return Promise.resolve(); }),
    remove: rec('storage.local.remove', (keys) => { keys.forEach((k) => delete store[k]); return Promise.resolve(); }),
    clear: rec('storage.local.clear', () => { Object.keys(store).forEach((k) => delete store[k]); return Promise.resolve(); }),
    getBytesInUse: rec('storage.local.getBytesInUse', () => Promise.resolve(Object.entries(store).reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0))),
    onChanged: ev(),
  };
  const alarmList = [];
  globalThis.chrome = {
    runtime: { id: 'abcdefghijklmnopabcdefghijklmnop', onMessage: ev(), onConnect: ev(), onInstalled: ev(),
      getURL: (p) => 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/' + p,
      getManifest: () => ({ name: 'fake', version: '1.2', manifest_version: 3 }) },
    tabs: {
      query: rec('tabs.query', () => Promise.resolve([{ id: 4, index: 0, windowId: 1, active: true, url: 'http://127.0.0.1/', status: 'complete', groupId: -1 }])),
      get: rec('tabs.get', (id) => Promise.reject(new Error('No tab with id: ' + id + '.'))),
      update: rec('tabs.update', (id, p) => Promise.resolve({ id, index: 0, windowId: 1, active: !!p.active, url: p.url })),
      onUpdated: ev(),
    },
    storage: { local: area, onChanged: ev() },
    alarms: {
      create: rec('alarms.create', (name, info) => { alarmList.push({ name, scheduledTime: 1000, periodInMinutes: info.periodInMinutes }); return Promise.resolve(); }),
      get: rec('alarms.get', (name) => Promise.resolve(alarmList.find((a) => a.name === name))),
      getAll: rec('alarms.getAll', () => Promise.resolve(alarmList.slice())),
      clear: rec('alarms.clear', (name) => { const i = alarmList.findIndex((a) => a.name === name); if (i >= 0) alarmList.splice(i, 1); return Promise.resolve(i >= 0); }),
      onAlarm: ev(),
    },
  };
  globalThis.fire = (name, ...args) => { let o = chrome; for (const p of name.split('.')) o = o[p]; o.ls.slice().forEach((f) => f(...args)); };
})();`

func TestMain(m *testing.M) {
	js.Global().Call("eval", fakeChrome)
	js.Global().Call("eval", jsglue.Script)
	// As a worker's script does at top level: the events it wakes for are registered at once.
	js.Global().Get("extwasm").Get("internal").Call("_setup", js.Global().Get("JSON").Call("parse", `{"events":["alarms.onAlarm"]}`))
	m.Run()
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// lastCall returns the arguments of the most recent call to the fake API name, as JSON.
func lastCall(t *testing.T, name string) string {
	calls := js.Global().Get("calls")
	for i := calls.Length() - 1; i >= 0; i-- {
		if calls.Index(i).Index(0).String() == name {
			return js.Global().Get("JSON").Call("stringify", calls.Index(i).Index(1)).String()
		}
	}
	t.Fatalf("%s was not called", name)
	return ""
}

func fire(name string, argsJSON string) {
	args := js.Global().Get("JSON").Call("parse", argsJSON)
	fn := js.Global().Get("fire")
	a := []any{name}
	for i := range args.Length() {
		a = append(a, args.Index(i))
	}
	fn.Invoke(a...)
}

func TestTabs(t *testing.T) {
	got, err := tabs.Query(ctxT(t), tabs.QueryInfo{Active: new(true), LastFocusedWindow: new(true)})
	require.NoError(t, err)
	assert.JSONEq(t, `[{"active":true,"lastFocusedWindow":true}]`, lastCall(t, "tabs.query"), "only the fields set cross")
	require.Len(t, got, 1)
	assert.Equal(t, tabs.Tab{ID: 4, WindowID: 1, GroupID: -1, Active: true, URL: "http://127.0.0.1/", Status: "complete"}, got[0])

	_, err = tabs.Get(ctxT(t), 7)
	var cerr *chrome.Error
	require.ErrorAs(t, err, &cerr)
	assert.Equal(t, chrome.Error{Call: "tabs.get", Message: "No tab with id: 7."}, *cerr, "Chrome's exact text")

	tab, err := tabs.Update(ctxT(t), new(4), tabs.UpdateProperties{URL: "http://127.0.0.1/b", Active: new(true)})
	require.NoError(t, err)
	assert.JSONEq(t, `[4,{"url":"http://127.0.0.1/b","active":true}]`, lastCall(t, "tabs.update"))
	assert.Equal(t, "http://127.0.0.1/b", tab.URL)
}

func TestTabsOnUpdatedIsOrderedAndMayBlock(t *testing.T) {
	got := make(chan string, 3)
	stop, err := tabs.OnUpdated(func(id int, change tabs.ChangeInfo, tab tabs.Tab) {
		time.Sleep(time.Millisecond) // a callback may block: events queue behind it, in order
		got <- string(change.Status) + " " + tab.URL
	})
	require.NoError(t, err)
	fire("tabs.onUpdated", `[4, {"status":"loading"}, {"id":4,"url":"http://a/"}]`)
	fire("tabs.onUpdated", `[4, {"status":"complete"}, {"id":4,"url":"http://a/"}]`)
	assert.Equal(t, "loading http://a/", <-got)
	assert.Equal(t, "complete http://a/", <-got)
	stop()
	fire("tabs.onUpdated", `[4, {"status":"loading"}, {"id":4}]`)
	select {
	case s := <-got:
		t.Fatalf("an event after stop reached the callback: %s", s)
	case <-time.After(10 * time.Millisecond):
	}
}

type prefs struct {
	Theme string `json:"theme"`
	Count int    `json:"count"`
	Skip  string `json:"-"`
}

func TestStorageTypedAndStrict(t *testing.T) {
	local := storage.Local
	require.NoError(t, local.Clear(ctxT(t)))
	require.NoError(t, local.Set(ctxT(t), prefs{Theme: "dark", Count: 2}))
	assert.JSONEq(t, `[{"theme":"dark","count":2}]`, lastCall(t, "storage.local.set"))

	var p prefs
	require.NoError(t, local.GetInto(ctxT(t), &p))
	assert.JSONEq(t, `[["theme","count"]]`, lastCall(t, "storage.local.get"), "the struct's keys are read")
	assert.Equal(t, prefs{Theme: "dark", Count: 2}, p)

	n, found, err := storage.GetValue[int](ctxT(t), local, "count")
	require.NoError(t, err)
	assert.True(t, found)
	assert.Equal(t, 2, n)
	_, found, err = storage.GetValue[int](ctxT(t), local, "missing")
	require.NoError(t, err)
	assert.False(t, found)

	type login struct {
		User string `json:"user"`
	}
	require.NoError(t, local.Set(ctxT(t), map[string]any{"login": map[string]string{"USER": "x"}}))
	_, _, err = storage.GetValue[login](ctxT(t), local, "login")
	assert.ErrorContains(t, err, `differs only in case`, "strict: JavaScript's USER is not Go's user")

	assert.ErrorContains(t, local.Set(ctxT(t), []int{1}), "must be a struct or a map")
	var notStruct int
	assert.ErrorContains(t, local.GetInto(ctxT(t), &notStruct), "pointer to a struct")

	require.NoError(t, local.Remove(ctxT(t), "login"))
	all, err := local.Get(ctxT(t))
	require.NoError(t, err)
	assert.JSONEq(t, `[null]`, lastCall(t, "storage.local.get"), "no keys: every item")
	assert.Len(t, all, 2)
	bytes, err := local.GetBytesInUse(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, len("theme")+len(`"dark"`)+len("count")+len("2"), bytes)
}

func TestStorageOnChanged(t *testing.T) {
	got := make(chan string, 1)
	stop, err := storage.OnChanged(func(changes map[string]storage.Change, area string) {
		var v string
		err := changes["theme"].DecodeNew(&v)
		got <- area + " " + v + " " + string(changes["theme"].OldValue) + " " + errText(err)
	})
	require.NoError(t, err)
	defer stop()
	fire("storage.onChanged", `[{"theme":{"oldValue":"dark","newValue":"light"}}, "local"]`)
	assert.Equal(t, `local light "dark" `, <-got)
}

func errText(err error) string {
	if err != nil {
		return err.Error()
	}
	return ""
}

// TestAlarmsOnAlarmGetsTheEventThatWokeTheWorker: an alarm that fires before Go subscribes (the
// one that woke the worker) is kept by the glue and delivered first.
func TestAlarmsOnAlarmGetsTheEventThatWokeTheWorker(t *testing.T) {
	fire("alarms.onAlarm", `[{"name":"woke","scheduledTime":1000}]`)
	got := make(chan alarms.Alarm, 2)
	stop, err := alarms.OnAlarm(func(a alarms.Alarm) { got <- a })
	require.NoError(t, err)
	defer stop()
	fire("alarms.onAlarm", `[{"name":"later","scheduledTime":2000,"periodInMinutes":1}]`)
	assert.Equal(t, alarms.Alarm{Name: "woke", ScheduledTime: 1000}, <-got)
	later := <-got
	assert.Equal(t, "later", later.Name)
	assert.Equal(t, time.UnixMilli(2000), later.At())

	require.NoError(t, alarms.Create(ctxT(t), "tick", alarms.AlarmCreateInfo{PeriodInMinutes: new(0.5)}))
	assert.JSONEq(t, `["tick",{"periodInMinutes":0.5}]`, lastCall(t, "alarms.create"))
	a, err := alarms.Get(ctxT(t), "tick")
	require.NoError(t, err)
	require.NotNil(t, a)
	assert.Equal(t, alarms.Alarm{Name: "tick", ScheduledTime: 1000, PeriodInMinutes: 0.5}, *a)
	a, err = alarms.Get(ctxT(t), "none")
	require.NoError(t, err)
	assert.Nil(t, a, "alarms.get resolves undefined")
	all, err := alarms.GetAll(ctxT(t))
	require.NoError(t, err)
	assert.Len(t, all, 1)
	cleared, err := alarms.Clear(ctxT(t), "tick")
	require.NoError(t, err)
	assert.True(t, cleared)
}

func TestRuntime(t *testing.T) {
	id, err := runtime.ID()
	require.NoError(t, err)
	assert.Equal(t, "abcdefghijklmnopabcdefghijklmnop", id)
	u, err := runtime.GetURL("options.html")
	require.NoError(t, err)
	assert.Equal(t, "chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html", u)
	m, err := runtime.GetManifest()
	require.NoError(t, err)
	assert.JSONEq(t, `"fake"`, string(m["name"]))
	assert.JSONEq(t, `"1.2"`, string(m["version"]))

	got := make(chan runtime.OnInstalledDetails, 1)
	stop, err := runtime.OnInstalled(func(d runtime.OnInstalledDetails) { got <- d })
	require.NoError(t, err)
	defer stop()
	fire("runtime.onInstalled", `[{"reason":"update","previousVersion":"1.1"}]`)
	assert.Equal(t, runtime.OnInstalledDetails{Reason: runtime.OnInstalledReasonUpdate, PreviousVersion: "1.1"}, <-got)
}
