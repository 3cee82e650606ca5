package jsrt

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newRealm(t *testing.T, s *Scheduler) (*Realm, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errb bytes.Buffer
	r := s.NewRealm(RealmOptions{Name: "test", Stdout: &out, Stderr: &errb})
	t.Cleanup(r.Close)
	return r, &out, &errb
}

func run(t *testing.T, r *Realm, src string) goja.Value {
	t.Helper()
	v, err := r.RunScript("test.js", src)
	require.NoError(t, err)
	return v
}

func TestTimersFireInVirtualTimeOrder(t *testing.T) {
	s := NewScheduler(Options{})
	r, out, _ := newRealm(t, s)
	run(t, r, `
		setTimeout(() => console.log("c", performance.now()), 30000);
		setTimeout(() => console.log("a", performance.now()), 10);
		setTimeout(() => console.log("b", performance.now()), 10);
		const id = setTimeout(() => console.log("never"), 20);
		clearTimeout(id);
		Promise.resolve().then(() => console.log("micro"));
		console.log("sync");
	`)
	require.NoError(t, s.Run(context.Background()))
	assert.Equal(t, "sync\nmicro\na 10\nb 10\nc 30000\n", out.String())
	assert.Equal(t, 30*time.Second, s.Now())
	assert.False(t, s.Pending())
}

func TestThirtyVirtualSecondsOfTimersTakeNoRealTime(t *testing.T) {
	s := NewScheduler(Options{})
	r, out, _ := newRealm(t, s)
	run(t, r, `
		const start = Date.now();
		let n = 0;
		const tick = () => { if (++n < 3000) setTimeout(tick, 10); else console.log(Date.now() - start, n); };
		setTimeout(tick, 10);
	`)
	require.NoError(t, s.Run(context.Background()))
	assert.Equal(t, "30000 3000\n", out.String())
	assert.Equal(t, DefaultEpoch.Add(30*time.Second), s.Wall())
}

func TestIntervalRepeatsUntilCleared(t *testing.T) {
	s := NewScheduler(Options{})
	r, out, _ := newRealm(t, s)
	run(t, r, `
		let n = 0;
		const id = setInterval((a, b) => { console.log(++n, a, b); if (n === 3) clearInterval(id); }, 1000, "x", "y");
	`)
	require.NoError(t, s.Run(context.Background()))
	assert.Equal(t, "1 x y\n2 x y\n3 x y\n", out.String())
	assert.Equal(t, 3*time.Second, s.Now())
	assert.Zero(t, r.PendingTimers())
}

func TestZeroIntervalStillAdvancesTime(t *testing.T) {
	s := NewScheduler(Options{})
	r, _, _ := newRealm(t, s)
	run(t, r, `let n = 0; const id = setInterval(() => { if (++n === 5) clearInterval(id); }, 0);`)
	require.NoError(t, s.Run(context.Background()))
	assert.Equal(t, 4*time.Millisecond, s.Now())
}

func TestMicrotasksDrainAfterEachMacrotask(t *testing.T) {
	s := NewScheduler(Options{})
	r, out, _ := newRealm(t, s)
	run(t, r, `
		setTimeout(() => { Promise.resolve().then(() => console.log("m1")); console.log("t1"); }, 0);
		setTimeout(() => console.log("t2"), 0);
		queueMicrotask(() => console.log("qm"));
	`)
	require.NoError(t, s.Run(context.Background()))
	assert.Equal(t, "qm\nt1\nm1\nt2\n", out.String())
}

func TestPostAndDrainFromGo(t *testing.T) {
	s := NewScheduler(Options{})
	r, out, _ := newRealm(t, s)
	p, resolve, _ := r.VM.NewPromise()
	require.NoError(t, r.VM.Set("p", p))
	run(t, r, `p.then(v => console.log("resolved", v))`)
	r.Post(func() { require.NoError(t, resolve("yes")) })
	require.NoError(t, s.Run(context.Background()))
	assert.Equal(t, "resolved yes\n", out.String())
}

func TestTasksRunInPostOrderAcrossRealms(t *testing.T) {
	s := NewScheduler(Options{})
	a, _, _ := newRealm(t, s)
	b, _, _ := newRealm(t, s)
	var order []string
	a.Post(func() { order = append(order, "a1") })
	b.Post(func() { order = append(order, "b1") })
	a.Post(func() { order = append(order, "a2") })
	b.AfterFunc(time.Second, func() { order = append(order, "b-timer") })
	a.AfterFunc(time.Second, func() { order = append(order, "a-timer") })
	require.NoError(t, s.Run(context.Background()))
	assert.Equal(t, []string{"a1", "b1", "a2", "b-timer", "a-timer"}, order)
}

func TestRunForStopsAtTheHorizon(t *testing.T) {
	s := NewScheduler(Options{})
	r, out, _ := newRealm(t, s)
	run(t, r, `setTimeout(() => console.log("early"), 100); setTimeout(() => console.log("late"), 5000);`)
	require.NoError(t, s.RunFor(context.Background(), time.Second))
	assert.Equal(t, "early\n", out.String())
	assert.Equal(t, time.Second, s.Now())
	assert.True(t, s.Pending())
	when, ok := s.NextTimer()
	require.True(t, ok)
	assert.Equal(t, 5*time.Second, when)
}

func TestRunUntil(t *testing.T) {
	s := NewScheduler(Options{})
	r, _, _ := newRealm(t, s)
	run(t, r, `globalThis.done = false; setTimeout(() => { done = true }, 50); setTimeout(() => {}, 90);`)
	done := func() bool { return r.VM.Get("done").ToBoolean() }
	require.NoError(t, s.RunUntil(context.Background(), done))
	assert.Equal(t, 50*time.Millisecond, s.Now())
	run(t, r, `done = false`)
	assert.ErrorIs(t, s.RunUntil(context.Background(), done), ErrIdle)
}

func TestRunStopsWhenContextEnds(t *testing.T) {
	s := NewScheduler(Options{})
	r, _, _ := newRealm(t, s)
	run(t, r, `setInterval(() => {}, 1000)`)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	r.AfterFunc(10*time.Second, func() { n++; cancel() })
	assert.ErrorIs(t, s.Run(ctx), context.Canceled)
	assert.Equal(t, 1, n)
}

func TestCloseDropsTasksAndTimers(t *testing.T) {
	s := NewScheduler(Options{})
	r, out, _ := newRealm(t, s)
	closed := false
	r.OnClose(func() { closed = true })
	run(t, r, `setTimeout(() => console.log("timer"), 10); setInterval(() => console.log("tick"), 5);`)
	r.Post(func() { out.WriteString("task\n") })
	r.AfterFunc(time.Second, func() { out.WriteString("go timer\n") })
	r.Close()
	assert.True(t, closed)
	assert.False(t, s.Pending())
	require.NoError(t, s.Run(context.Background()))
	assert.Empty(t, out.String())
	_, err := r.RunScript("x.js", "1")
	assert.ErrorIs(t, err, ErrClosed)
}

func TestUncaughtErrorsAreReportedAndTheLoopGoesOn(t *testing.T) {
	s := NewScheduler(Options{})
	r, out, errb := newRealm(t, s)
	run(t, r, `
		setTimeout(() => { throw new TypeError("boom") }, 1);
		setTimeout(() => console.log("still running"), 2);
		Promise.reject(new Error("nobody")); // no handler: reported
		Promise.reject(new Error("handled")).catch(() => {}); // handled in the same task: not reported
	`)
	require.NoError(t, s.Run(context.Background()))
	assert.Equal(t, "still running\n", out.String())
	errs := r.Errors()
	require.Len(t, errs, 2)
	assert.Contains(t, errs[0].Error(), "nobody")
	assert.Contains(t, errs[1].Error(), "TypeError: boom")
	assert.Contains(t, errb.String(), "Uncaught (in promise) Error: nobody")
	assert.Contains(t, errb.String(), "Uncaught TypeError: boom")
}

func TestConsoleFormatting(t *testing.T) {
	s := NewScheduler(Options{})
	var lines []string
	r := s.NewRealm(RealmOptions{OnConsole: func(level, text string) { lines = append(lines, level+": "+text) }})
	defer r.Close()
	_, err := r.RunScript("c.js", `
		console.log("plain", 1, true, null, undefined, {a: [1, "x"]});
		console.warn("%s has %d items, %o", "cart", 3.7, {k: 1});
		console.error("100%% sure", "%c styled", "color: red");
		console.info(-0, 1e21, NaN);
		console.assert(1 === 2, "math", "broke");
		console.assert(true, "not printed");
	`)
	require.NoError(t, err)
	assert.Equal(t, []string{
		`log: plain 1 true null undefined {"a":[1,"x"]}`,
		`warn: cart has 3 items, {"k":1}`,
		`error: 100% sure %c styled color: red`,
		`info: 0 1e+21 NaN`,
		`error: Assertion failed: math broke`,
	}, lines)
}

func TestSeededRandomnessIsReproducible(t *testing.T) {
	draw := func(seed int64) string {
		s := NewScheduler(Options{Seed: seed})
		r, _, _ := newRealm(t, s)
		v := run(t, r, `
			const b = crypto.getRandomValues(new Uint8Array(8));
			[Math.random(), Array.from(b).join(","), crypto.randomUUID()].join("|")`)
		return v.String()
	}
	assert.Equal(t, draw(7), draw(7))
	assert.NotEqual(t, draw(7), draw(8))
	assert.Regexp(t, `\|[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, draw(1))
}

func TestGetRandomValuesErrors(t *testing.T) {
	s := NewScheduler(Options{})
	r, _, _ := newRealm(t, s)
	for _, src := range []string{
		`crypto.getRandomValues(new Float64Array(2))`,
		`crypto.getRandomValues({})`,
		`crypto.getRandomValues(new Uint8Array(65537))`,
	} {
		_, err := r.RunScript("x.js", src)
		assert.Error(t, err, src)
	}
	v := run(t, r, `const a = new Uint32Array(4); crypto.getRandomValues(a) === a`)
	assert.True(t, v.ToBoolean())
}

func TestClockGlobals(t *testing.T) {
	s := NewScheduler(Options{Epoch: time.Date(2030, 5, 1, 12, 0, 0, 0, time.UTC)})
	s.Nudge(1500 * time.Millisecond)
	r, _, _ := newRealm(t, s)
	s.Nudge(250 * time.Millisecond)
	v := run(t, r, `[Date.now(), performance.now(), performance.timeOrigin].join(",")`)
	base := time.Date(2030, 5, 1, 12, 0, 0, 0, time.UTC).UnixMilli()
	assert.Equal(t, strings.Join([]string{
		itoa(base + 1750), "250", itoa(base + 1500)}, ","), v.String())
}

func itoa(n int64) string { return goja.New().ToValue(n).String() }

func TestTextCodecs(t *testing.T) {
	s := NewScheduler(Options{})
	r, _, _ := newRealm(t, s)
	tests := []struct{ name, src, want string }{
		{"ascii round trip", `new TextDecoder().decode(new TextEncoder().encode("hello"))`, "hello"},
		{"multibyte", `Array.from(new TextEncoder().encode("é€😀")).join(",")`, "195,169,226,130,172,240,159,152,128"},
		{"lone surrogate encodes as U+FFFD", `Array.from(new TextEncoder().encode("a\uD800b")).join(",")`, "97,239,191,189,98"},
		{"truncated sequence is one U+FFFD", `new TextDecoder().decode(new Uint8Array([0x61, 0xE2, 0x82, 0x62]))`, "a\uFFFDb"},
		{"each bad byte is one U+FFFD", `new TextDecoder().decode(new Uint8Array([0xC0, 0x80]))`, "\uFFFD\uFFFD"},
		{"surrogate encoding is invalid", `new TextDecoder().decode(new Uint8Array([0xED, 0xA0, 0x80]))`, "\uFFFD\uFFFD\uFFFD"},
		{"BOM stripped", `new TextDecoder().decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x41]))`, "A"},
		{"BOM kept on request", `new TextDecoder("utf-8", {ignoreBOM: true}).decode(new Uint8Array([0xEF, 0xBB, 0xBF])).length`, "1"},
		{"views honour offsets", `new TextDecoder().decode(new DataView(new TextEncoder().encode("xxhixx").buffer, 2, 2))`, "hi"},
		{"undefined decodes empty", `new TextDecoder().decode()`, ""},
		{"encodeInto", `(() => { const d = new Uint8Array(4); const r = new TextEncoder().encodeInto("aé😀", d); return [r.read, r.written, d.join(",")].join("|") })()`, "2|3|97,195,169,0"},
		{"encoding", `new TextEncoder().encoding + new TextDecoder().encoding`, "utf-8utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, run(t, r, tt.src).String())
		})
	}
	_, err := r.RunScript("x.js", `new TextDecoder("utf-8", {fatal: true}).decode(new Uint8Array([0xFF]))`)
	assert.ErrorContains(t, err, "not valid")
	_, err = r.RunScript("x.js", `new TextDecoder("latin1")`)
	assert.ErrorContains(t, err, "invalid")
}

func FuzzDecodeUTF8(f *testing.F) {
	f.Add([]byte("hello"))
	f.Add([]byte{0xE2, 0x82})
	f.Add([]byte{0xF4, 0x90, 0x80, 0x80})
	f.Fuzz(func(t *testing.T, b []byte) {
		s := DecodeUTF8(b)
		if !strings.Contains(s, "\uFFFD") && string(b) != s {
			t.Fatalf("valid input changed: %q -> %q", b, s)
		}
		if len(s) > 3*len(b) {
			t.Fatalf("output too long: %d bytes from %d", len(s), len(b))
		}
		assert.True(t, utfValid(s))
	})
}

func utfValid(s string) bool { return strings.ToValidUTF8(s, "x") == s }
