package wptalt

import "runtime"

// allocated is the Go heap's cumulative allocation: what a page's run adds to it is its cost in
// memory churn, comparable between runners in one process.
func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}
