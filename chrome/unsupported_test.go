//go:build !js

package chrome_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/extwasm/extwasm/chrome"
	"github.com/extwasm/extwasm/chrome/alarms"
	"github.com/extwasm/extwasm/chrome/runtime"
	"github.com/extwasm/extwasm/chrome/storage"
	"github.com/extwasm/extwasm/chrome/tabs"
)

// TestOutsideABrowserEveryCallSaysSo: natively the packages build, and each call returns
// chrome.ErrUnsupported rather than pretending to work.
func TestOutsideABrowserEveryCallSaysSo(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func() error{
		"tabs.Query":      func() error { _, err := tabs.Query(ctx, tabs.QueryInfo{}); return err },
		"tabs.OnUpdated":  func() error { _, err := tabs.OnUpdated(func(int, tabs.ChangeInfo, tabs.Tab) {}); return err },
		"storage.Set":     func() error { return storage.Local.Set(ctx, map[string]int{"a": 1}) },
		"storage.GetInto": func() error { var v struct{ A int }; return storage.Session.GetInto(ctx, &v) },
		"alarms.Create":   func() error { return alarms.Create(ctx, "a", alarms.AlarmCreateInfo{DelayInMinutes: new(1.0)}) },
		"alarms.OnAlarm":  func() error { _, err := alarms.OnAlarm(func(alarms.Alarm) {}); return err },
		"runtime.ID":      func() error { _, err := runtime.ID(); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			assert.ErrorIs(t, call(), chrome.ErrUnsupported)
		})
	}
}
