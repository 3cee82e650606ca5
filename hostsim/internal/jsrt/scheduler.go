// Package jsrt is the simulator's JavaScript runtime core: one goja realm per context, one scheduler
// that drives every realm on a single goroutine, and a virtual clock they all share.
//
// Everything happens on the goroutine that calls Run (or RunFor, RunUntil): macrotasks run in the
// order they were posted, the realm's microtasks are drained after each one, and when nothing is
// runnable the clock jumps to the next timer. So a run is a pure function of its inputs and the seed,
// and thirty seconds of timers take microseconds.
package jsrt

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"time"
)

// ErrIdle is returned by RunUntil when nothing is left to run and the condition still does not hold.
var ErrIdle = errors.New("jsrt: idle: no task or timer left and the condition does not hold")

// DefaultEpoch is the wall-clock time at virtual zero unless Options.Epoch says otherwise. A fixed
// epoch keeps Date.now() and the guest's time.Now reproducible from run to run.
var DefaultEpoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Options configure a Scheduler.
type Options struct {
	// Epoch is the wall-clock time at virtual zero (DefaultEpoch when zero).
	Epoch time.Time
	// Seed seeds Math.random, crypto.getRandomValues and everything else random in every realm.
	Seed int64
}

// Scheduler owns the virtual clock, the macrotask queue and the timers of every realm it created.
// It is not safe for concurrent use: drive it from one goroutine.
type Scheduler struct {
	epoch  time.Time
	now    time.Duration
	rng    *rand.Rand
	tasks  []task
	head   int
	timers timerHeap
	live   int // timers not yet fired or stopped
	seq    uint64
}

type task struct {
	realm *Realm
	fn    func()
}

// NewScheduler returns a scheduler whose clock reads zero.
func NewScheduler(opts Options) *Scheduler {
	if opts.Epoch.IsZero() {
		opts.Epoch = DefaultEpoch
	}
	return &Scheduler{epoch: opts.Epoch, rng: rand.New(rand.NewSource(opts.Seed))}
}

// Now is the virtual monotonic time since the scheduler was created.
func (s *Scheduler) Now() time.Duration { return s.now }

// Wall is the virtual wall-clock time: the epoch plus Now.
func (s *Scheduler) Wall() time.Time { return s.epoch.Add(s.now) }

// Nudge moves the clock forward without running anything. A guest that busy-waits on the clock
// inside a synchronous callback can only finish if reading the clock makes time pass.
func (s *Scheduler) Nudge(d time.Duration) {
	if d > 0 {
		s.now += d
	}
}

// Rand is the scheduler's seeded source of randomness.
func (s *Scheduler) Rand() *rand.Rand { return s.rng }

// Pending reports whether any macrotask or timer is waiting.
func (s *Scheduler) Pending() bool { return s.head < len(s.tasks) || s.live > 0 }

// NextTimer reports when the earliest live timer is due.
func (s *Scheduler) NextTimer() (time.Duration, bool) {
	s.dropStopped()
	if len(s.timers) == 0 {
		return 0, false
	}
	return s.timers[0].when, true
}

func (s *Scheduler) post(r *Realm, fn func()) {
	s.tasks = append(s.tasks, task{realm: r, fn: fn})
}

// dropTasks forgets the queued macrotasks of a closed realm, so Pending tells the truth.
func (s *Scheduler) dropTasks(r *Realm) {
	kept := s.tasks[:s.head]
	for _, t := range s.tasks[s.head:] {
		if t.realm != r {
			kept = append(kept, t)
		}
	}
	clear(s.tasks[len(kept):])
	s.tasks = kept
}

func (s *Scheduler) addTimer(r *Realm, d time.Duration, fn func()) *Timer {
	if d < 0 {
		d = 0
	}
	s.seq++
	t := &Timer{s: s, realm: r, when: s.now + d, seq: s.seq, fn: fn}
	heap.Push(&s.timers, t)
	s.live++
	r.timers[t] = struct{}{}
	return t
}

func (s *Scheduler) dropStopped() {
	for len(s.timers) > 0 && s.timers[0].done {
		heap.Pop(&s.timers)
	}
}

// Step runs one macrotask, or else fires the earliest timer (moving the clock to it). It reports
// whether it did anything.
func (s *Scheduler) Step() bool {
	for s.head < len(s.tasks) {
		t := s.tasks[s.head]
		s.tasks[s.head] = task{}
		s.head++
		if s.head == len(s.tasks) {
			s.tasks, s.head = s.tasks[:0], 0
		}
		if t.realm.closed {
			continue
		}
		t.realm.runTask(t.fn)
		return true
	}
	return s.fireTimer(-1)
}

// fireTimer fires the earliest live timer due at or before limit (any time when limit < 0).
func (s *Scheduler) fireTimer(limit time.Duration) bool {
	s.dropStopped()
	if len(s.timers) == 0 {
		return false
	}
	t := s.timers[0]
	if limit >= 0 && t.when > limit {
		return false
	}
	heap.Pop(&s.timers)
	t.done = true
	s.live--
	delete(t.realm.timers, t)
	if t.when > s.now {
		s.now = t.when
	}
	if t.realm.closed {
		return true
	}
	t.realm.runTask(t.fn)
	return true
}

// Run runs until nothing is left: no macrotask and no timer. Virtual time jumps from timer to timer.
// It returns ctx's error if ctx ends first (it is checked between macrotasks).
func (s *Scheduler) Run(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !s.Step() {
			return nil
		}
	}
}

// RunFor runs everything due within the next d of virtual time, then sets the clock to now+d.
func (s *Scheduler) RunFor(ctx context.Context, d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("jsrt: RunFor: negative duration %v", d)
	}
	end := s.now + d
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if s.head < len(s.tasks) {
			s.Step()
			continue
		}
		if !s.fireTimer(end) {
			break
		}
	}
	if s.now < end {
		s.now = end
	}
	return nil
}

// RunUntil runs until cond holds (checked before every step). It returns ErrIdle if everything
// went idle first, or ctx's error.
func (s *Scheduler) RunUntil(ctx context.Context, cond func() bool) error {
	for !cond() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !s.Step() {
			return ErrIdle
		}
	}
	return nil
}

// Timer is a callback scheduled on the virtual clock.
type Timer struct {
	s     *Scheduler
	realm *Realm
	when  time.Duration
	seq   uint64
	fn    func()
	index int
	done  bool
}

// Stop cancels the timer. It reports whether the timer was still pending.
func (t *Timer) Stop() bool {
	if t == nil || t.done {
		return false
	}
	t.done = true
	t.s.live--
	delete(t.realm.timers, t)
	if t.index >= 0 && t.index < len(t.s.timers) && t.s.timers[t.index] == t {
		heap.Remove(&t.s.timers, t.index)
	}
	return true
}

// When is the virtual time the timer is (or was) due.
func (t *Timer) When() time.Duration { return t.when }

type timerHeap []*Timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when != h[j].when {
		return h[i].when < h[j].when
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *timerHeap) Push(x any) {
	t := x.(*Timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	n := len(old)
	t := old[n-1]
	old[n-1] = nil
	t.index = -1
	*h = old[:n-1]
	return t
}
