package alarms_test

import (
	"context"
	"log"

	"github.com/extwasm/extwasm/chrome/alarms"
)

// A periodic alarm that wakes a stopped worker: the worker lists "alarms.onAlarm" in the glue's
// start call and registers the listener before bridge.Ready.
func Example() {
	ctx := context.Background()
	if _, err := alarms.OnAlarm(func(a alarms.Alarm) { log.Printf("alarm %q", a.Name) }); err != nil {
		log.Print(err)
		return
	}
	if err := alarms.Create(ctx, "refresh", alarms.AlarmCreateInfo{PeriodInMinutes: new(15.0)}); err != nil {
		log.Print(err)
	}
}
