// Package alarms is chrome.alarms for Go extension code: schedule, list and clear alarms, and
// onAlarm. It is generated from Chrome's API schema (zz_generated.go); this file adds Alarm.At.
//
//	err := alarms.Create(ctx, "refresh", alarms.AlarmCreateInfo{PeriodInMinutes: new(5.0)})
//	stop, err := alarms.OnAlarm(func(a alarms.Alarm) { … })
//
// A worker woken by an alarm lists "alarms.onAlarm" in the glue's start call (see package chrome).
// Chrome raises delays and periods under 30 seconds to 30 seconds (with a console warning) for
// packed extensions; unpacked ones may go lower. Alarm.PersistAcrossSessions is true in Chrome 156
// (conformance-apis A2), yet alarms of an unpacked extension do not survive a relaunch (A10).
//
// Reference: https://developer.chrome.com/docs/extensions/reference/api/alarms
package alarms

import "time"

// At is ScheduledTime (milliseconds since the epoch) as a time.Time.
func (a Alarm) At() time.Time { return time.UnixMilli(int64(a.ScheduledTime)) }
