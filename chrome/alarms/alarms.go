// Package alarms is chrome.alarms for Go extension code: schedule, list and clear alarms, and
// onAlarm.
//
//	err := alarms.Create(ctx, "refresh", alarms.CreateInfo{PeriodInMinutes: 5})
//	stop, err := alarms.OnAlarm(func(a alarms.Alarm) { … })
//
// A worker woken by an alarm lists "alarms.onAlarm" in the glue's start call (see package chrome).
// Chrome raises delays and periods under 30 seconds to 30 seconds (with a console warning) for
// packed extensions; unpacked ones may go lower.
package alarms

import (
	"context"
	"encoding/json"
	"time"

	"github.com/extwasm/extwasm/chrome/internal/api"
)

// Alarm is Chrome's alarms.Alarm.
type Alarm struct {
	Name string `json:"name"`
	// ScheduledTime is when the alarm fires, in milliseconds since the epoch (see At).
	ScheduledTime float64 `json:"scheduledTime"`
	// PeriodInMinutes is the repeat period; 0 for a one-shot alarm.
	PeriodInMinutes float64 `json:"periodInMinutes,omitempty"`
	// PersistAcrossSessions is Chrome's flag (true in Chrome 156, conformance-apis A2; alarms of an
	// unpacked extension still do not survive a relaunch, A10).
	PersistAcrossSessions bool `json:"persistAcrossSessions,omitempty"`
}

// At is ScheduledTime as a time.Time.
func (a Alarm) At() time.Time { return time.UnixMilli(int64(a.ScheduledTime)) }

// CreateInfo says when an alarm fires: at When (milliseconds since the epoch) or after
// DelayInMinutes, then every PeriodInMinutes if set. Zero fields are left out.
type CreateInfo struct {
	When            float64 `json:"when,omitempty"`
	DelayInMinutes  float64 `json:"delayInMinutes,omitempty"`
	PeriodInMinutes float64 `json:"periodInMinutes,omitempty"`
}

// Create is alarms.create(name, info); an alarm of the same name is replaced.
func Create(ctx context.Context, name string, info CreateInfo) error {
	return api.Call(ctx, "alarms.create", nil, name, info)
}

// Get is alarms.get(name); found is false when there is no such alarm.
func Get(ctx context.Context, name string) (a Alarm, found bool, err error) {
	var out *Alarm
	if err := api.Call(ctx, "alarms.get", &out, name); err != nil || out == nil {
		return Alarm{}, false, err
	}
	return *out, true, nil
}

// GetAll is alarms.getAll().
func GetAll(ctx context.Context) ([]Alarm, error) {
	out := []Alarm{}
	err := api.Call(ctx, "alarms.getAll", &out)
	return out, err
}

// Clear is alarms.clear(name); cleared reports whether there was such an alarm.
func Clear(ctx context.Context, name string) (cleared bool, err error) {
	err = api.Call(ctx, "alarms.clear", &cleared, name)
	return cleared, err
}

// ClearAll is alarms.clearAll(); cleared reports whether there was any alarm.
func ClearAll(ctx context.Context) (cleared bool, err error) {
	err = api.Call(ctx, "alarms.clearAll", &cleared)
	return cleared, err
}

// OnAlarm calls fn for each alarms.onAlarm event.
func OnAlarm(fn func(a Alarm)) (stop func(), err error) {
	return api.Listen("alarms.onAlarm", func(args []json.RawMessage) {
		var a Alarm
		api.Arg(args, 0, &a)
		fn(a)
	})
}
