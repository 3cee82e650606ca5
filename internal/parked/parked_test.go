package parked

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRunnerReusesAnIdleGoroutine(t *testing.T) {
	r := New()
	done := make(chan int)
	r.Go(func() { done <- 0 })
	<-done
	for i := 1; i < 10; i++ {
		// A blocking hand-off, which only a parked goroutine can take: Go's own hand-off is the
		// same send without waiting.
		r.work <- func() { done <- i }
		assert.Equal(t, i, <-done)
	}
	assert.Equal(t, 1, r.Started(), "one goroutine served ten functions")
}

func TestRunnerDoesNotWaitForABlockedFunction(t *testing.T) {
	r := New()
	release := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(MaxIdle + 3)
	for range MaxIdle + 3 {
		r.Go(func() { defer wg.Done(); <-release })
	}
	second := make(chan struct{})
	r.Go(func() { close(second) })
	<-second // would hang if Go waited for a busy goroutine
	assert.Equal(t, MaxIdle+4, r.Started(), "every busy goroutine made Go start another")
	close(release)
	wg.Wait()
	// Of the eight, at most MaxIdle stay parked: each takes one blocking hand-off.
	for range MaxIdle {
		ran := make(chan struct{})
		r.work <- func() { close(ran) }
		<-ran
	}
}
