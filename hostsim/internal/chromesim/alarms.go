package chromesim

import (
	_ "embed"
	"math"
	"time"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
)

//go:embed alarms.js
var alarmsSrc string

// alarmMinimumUnpacked is Chrome's minimum alarm delay and period for an unpacked extension, the
// only install type hostsim loads (conformance-apis A8: 1 s unpacked, 30 s packed MV3). Below it
// an alarm still reports its own scheduledTime (A3) but is only polled at this granularity (A7).
const alarmMinimumUnpacked = time.Second

// alarmMaxPollPeriod is the longest the alarm manager waits between polls when every alarm is far
// off (Chromium's AlarmManager polls at least daily).
const alarmMaxPollPeriod = 24 * time.Hour

func init() {
	registerAPI("alarms", alarmsSrc,
		func(c *Context) bool {
			return c.inExtensionProcess() && c.ext.hasPermission("alarms")
		},
		func(c *Context, set func(string, any)) {
			set("create", func(call goja.FunctionCall) goja.Value { return c.alarmsCreate(call.Arguments) })
			set("get", func(call goja.FunctionCall) goja.Value {
				return c.alarmsLookup(apiargs.AlarmsGetMethod, call.Arguments, func(m *alarmManager, name string) any {
					if a := m.find(c.ext, name); a != nil {
						return a.info()
					}
					return nil
				})
			})
			set("getAll", func(call goja.FunctionCall) goja.Value {
				return c.alarmsLookup(apiargs.AlarmsGetAllMethod, call.Arguments, func(m *alarmManager, _ string) any {
					out := []map[string]any{}
					for _, a := range m.byExt[c.ext] {
						out = append(out, a.info())
					}
					return out
				})
			})
			set("clear", func(call goja.FunctionCall) goja.Value {
				return c.alarmsLookup(apiargs.AlarmsClearMethod, call.Arguments, func(m *alarmManager, name string) any {
					return m.remove(c.ext, name)
				})
			})
			set("clearAll", func(call goja.FunctionCall) goja.Value {
				return c.alarmsLookup(apiargs.AlarmsClearAllMethod, call.Arguments, func(m *alarmManager, _ string) any {
					m.clearExtension(c.ext)
					return true // even with no alarms (A6)
				})
			})
		})
}

// alarm is one chrome.alarms alarm of an extension.
type alarm struct {
	name string
	// scheduled is the next scheduledTime, in ms since the Unix epoch (fractional, as Chrome's).
	scheduled float64
	// period is periodInMinutes, or 0 for a one-shot alarm.
	period  float64
	persist bool
	// granularity is how often this alarm lets the manager poll: its delay, but not less than
	// the minimum (Chromium's Alarm::granularity).
	granularity time.Duration
}

// info is the alarms.Alarm object (A2): periodInMinutes only for repeating alarms. A map, so that
// the keys come out sorted as Chrome's do.
func (a *alarm) info() map[string]any {
	out := map[string]any{"name": a.name, "scheduledTime": a.scheduled, "persistAcrossSessions": a.persist}
	if a.period != 0 {
		out["periodInMinutes"] = a.period
	}
	return out
}

// alarmManager is Chromium's AlarmManager: every extension's alarms on one poll timer. A poll fires
// every due alarm; the next poll is at the soonest alarm, but no sooner than the smallest alarm
// granularity after the last poll, which is why alarms below the minimum fire on a ~1 s tick (A7).
type alarmManager struct {
	b        *Browser
	byExt    map[*Extension][]*alarm // in creation order (A6)
	lastPoll float64                 // ms since the epoch; 0 before the first poll
	nextPoll float64
	timer    *jsrt.Timer
}

func (b *Browser) alarmManager() *alarmManager {
	if b.alarms == nil {
		b.alarms = &alarmManager{b: b, byExt: map[*Extension][]*alarm{}}
	}
	return b.alarms
}

// nowMs is the browser's wall clock as JavaScript's Date.now() sees it, with sub-millisecond
// precision.
func (m *alarmManager) nowMs() float64 { return float64(m.b.sched.Wall().UnixNano()) / 1e6 }

func (m *alarmManager) find(e *Extension, name string) *alarm {
	for _, a := range m.byExt[e] {
		if a.name == name {
			return a
		}
	}
	return nil
}

// add installs a, replacing the extension's alarm of the same name (A5).
func (m *alarmManager) add(e *Extension, a *alarm) {
	m.remove(e, a.name)
	m.byExt[e] = append(m.byExt[e], a)
	if m.timer == nil || a.scheduled < m.nextPoll {
		m.setNextPoll(a.scheduled)
	}
}

// remove deletes the named alarm and reports whether there was one.
func (m *alarmManager) remove(e *Extension, name string) bool {
	list := m.byExt[e]
	for i, a := range list {
		if a.name == name {
			m.byExt[e] = append(list[:i:i], list[i+1:]...)
			return true
		}
	}
	return false
}

func (m *alarmManager) clearExtension(e *Extension) { delete(m.byExt, e) }

func (m *alarmManager) setNextPoll(at float64) {
	if m.timer != nil {
		m.timer.Stop()
	}
	m.nextPoll = at
	d := time.Duration(math.Ceil((at - m.nowMs()) * 1e6))
	if d < 0 {
		d = 0
	}
	m.timer = m.b.later(d, m.poll)
}

// poll fires every due alarm in install and creation order; a repeating alarm moves to the next
// slot of its original schedule after the poll time, skipping the slots already passed (A7).
func (m *alarmManager) poll() {
	m.timer = nil
	now := m.nowMs()
	m.lastPoll = now
	for _, e := range m.b.exts {
		for _, a := range append([]*alarm(nil), m.byExt[e]...) {
			if a.scheduled > now {
				continue
			}
			e.fireEvent("alarms.onAlarm", []any{a.info()}, nil, true)
			if a.period == 0 {
				m.remove(e, a.name)
				continue
			}
			periodMs := a.period * 60000
			passed := math.Floor((now - a.scheduled) / periodMs)
			a.scheduled += periodMs * (passed + 1)
		}
	}
	m.scheduleNext()
}

func (m *alarmManager) scheduleNext() {
	soonest := math.Inf(1)
	granularity := alarmMaxPollPeriod
	for _, list := range m.byExt {
		for _, a := range list {
			soonest = math.Min(soonest, a.scheduled)
			granularity = min(granularity, a.granularity)
		}
	}
	if math.IsInf(soonest, 1) {
		return
	}
	next := m.lastPoll + float64(granularity)/1e6
	if m.lastPoll == 0 || next < soonest {
		next = soonest
	}
	m.setNextPoll(next)
}

// alarmsCreate is alarms.create([name], alarmInfo, [callback]).
func (c *Context) alarmsCreate(args []goja.Value) goja.Value {
	p, err := apiargs.AlarmsCreateMethod.Parse(c.realm.VM, args)
	if err != nil {
		return c.invocationFailure(err)
	}
	c.touch()
	info := p[1].ToObject(c.realm.VM)
	num := func(k string) (float64, bool) {
		v := info.Get(k)
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			return 0, false
		}
		return v.ToFloat(), true
	}
	when, hasWhen := num("when")
	delay, hasDelay := num("delayInMinutes")
	period, hasPeriod := num("periodInMinutes")
	name, errText := "", ""
	if p[0] != nil {
		name = p[0].String()
	}
	if v := info.Get("name"); v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
		if p[0] != nil {
			errText = apiargs.ErrAlarmNameConflict
		}
		name = v.String()
	}
	switch {
	case errText != "":
	case hasWhen && hasDelay:
		errText = apiargs.ErrAlarmWhenAndDelay
	case !hasWhen && !hasDelay && !hasPeriod:
		errText = apiargs.ErrAlarmNoSchedule
	}
	persist := true
	if v := info.Get("persistAcrossSessions"); v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
		persist = v.ToBoolean()
	}
	m := c.b.alarmManager()
	id := c.b.newRequest()
	if errText != "" {
		c.b.settleLater(c, id, nil, errText)
		return c.request(id, p[2])
	}
	now := m.nowMs()
	a := &alarm{name: name, persist: persist}
	if hasWhen {
		a.scheduled = when
		a.granularity = time.Duration((when - now) * 1e6)
	} else {
		minutes := delay
		if !hasDelay {
			minutes = period
		}
		// Chrome adds a TimeDelta, whole microseconds, to the clock before converting to ms.
		a.granularity = time.Duration(minutes*60e6) * time.Microsecond
		a.scheduled = float64(m.b.sched.Wall().UnixMicro()+int64(minutes*60e6)) / 1000
	}
	a.granularity = max(a.granularity, alarmMinimumUnpacked)
	if hasPeriod {
		a.period = period
	}
	m.add(c.ext, a)
	c.b.settleLater(c, id, nil, "")
	return c.request(id, p[2])
}

// alarmsLookup parses a get/getAll/clear/clearAll call whose first parameter, when it has one, is
// the optional alarm name ("" when left out, A5), and settles it with what answer returns.
func (c *Context) alarmsLookup(method *apiargs.Method, args []goja.Value, answer func(*alarmManager, string) any) goja.Value {
	p, err := method.Parse(c.realm.VM, args)
	if err != nil {
		return c.invocationFailure(err)
	}
	c.touch()
	name := ""
	if len(p) == 2 && p[0] != nil {
		name = p[0].String()
	}
	return c.settle(p[len(p)-1], answer(c.b.alarmManager(), name), "")
}
