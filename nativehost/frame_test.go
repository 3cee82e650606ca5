package nativehost

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// frameBytes builds a frame by hand: header announcing n, then body.
func frameBytes(n uint32, body string) []byte {
	b := binary.NativeEndian.AppendUint32(nil, n)
	return append(b, body...)
}

func frameOf(body string) []byte { return frameBytes(uint32(len(body)), body) }

func TestReadFrameValid(t *testing.T) {
	in := append(frameOf(`{"a":1}`), frameOf(`"é"`)...)
	in = append(in, frameOf(` [1, 2] `)...)
	r := NewReader(bytes.NewReader(in))
	for _, want := range []string{`{"a":1}`, `"é"`, ` [1, 2] `} {
		got, err := r.ReadFrame()
		require.NoError(t, err)
		assert.Equal(t, want, string(got))
	}
	_, err := r.ReadFrame()
	assert.Same(t, io.EOF, err, "a clean end between frames is plain io.EOF")
}

func TestReadFrameHostile(t *testing.T) {
	huge := frameBytes(MaxBrowserMessageSize+1, "")
	cases := []struct {
		name   string
		in     []byte
		limit  int
		kind   error
		intact bool
		got    int
	}{
		{"one header byte", []byte{1}, 0, ErrShortHeader, false, 1},
		{"three header bytes", []byte{1, 0, 0}, 0, ErrShortHeader, false, 3},
		{"body cut short", frameBytes(10, `{"a":`), 0, ErrShortBody, false, 5},
		{"header only", frameBytes(2, ""), 0, ErrShortBody, false, 0},
		{"over default limit", huge, 0, ErrTooLarge, false, 0},
		{"max uint32", frameBytes(0xFFFFFFFF, "{}"), 0, ErrTooLarge, false, 0},
		{"over custom limit", frameOf(`"12345"`), 6, ErrTooLarge, false, 0},
		{"empty body", frameOf(""), 0, ErrInvalidJSON, true, 0},
		{"not json", frameOf(`{hello}`), 0, ErrInvalidJSON, true, 0},
		{"two values", frameOf(`{} {}`), 0, ErrInvalidJSON, true, 0},
		{"bad utf8 in string", frameOf("\"\xff\""), 0, ErrInvalidUTF8, true, 0},
		{"overlong utf8", frameOf("\"\xc0\xaf\""), 0, ErrInvalidUTF8, true, 0},
		{"nul byte", frameOf("\x00"), 0, ErrInvalidJSON, true, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := NewReaderSize(bytes.NewReader(tc.in), tc.limit)
			msg, err := r.ReadFrame()
			require.Error(t, err)
			assert.Nil(t, msg)
			assert.ErrorIs(t, err, tc.kind)
			var fe *FrameError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.intact, fe.StreamIntact())
			assert.Equal(t, tc.got, fe.Got)
			assert.NotEmpty(t, fe.Error())
		})
	}
}

func TestReadFrameResyncsAfterBadJSON(t *testing.T) {
	in := append(frameOf(`nope`), frameOf(`{"ok":true}`)...)
	r := NewReader(bytes.NewReader(in))
	_, err := r.ReadFrame()
	require.ErrorIs(t, err, ErrInvalidJSON)
	var syn *json.SyntaxError
	assert.ErrorAs(t, err, &syn, "the cause says where the JSON broke")
	msg, err := r.ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, `{"ok":true}`, string(msg))
}

// countingReader reports how much was asked of it, to prove a forged length does not drive
// allocation.
type countingReader struct {
	r       io.Reader
	maxRead int
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.maxRead = max(c.maxRead, len(p))
	return c.r.Read(p)
}

func TestReadFrameDoesNotAllocateAnnouncedSize(t *testing.T) {
	// 60 MiB announced (under the limit), 3 bytes delivered.
	cr := &countingReader{r: bytes.NewReader(frameBytes(60<<20, `{"a`))}
	r := NewReader(cr)
	_, err := r.ReadFrame()
	require.ErrorIs(t, err, ErrShortBody)
	assert.LessOrEqual(t, cr.maxRead, readChunk, "the first read buffer is bounded by the chunk size")
}

func TestReadFrameLargeBodyInPieces(t *testing.T) {
	body := `"` + strings.Repeat("x", 3*readChunk+17) + `"`
	pr, pw := io.Pipe()
	go func() {
		data := frameOf(body)
		for len(data) > 0 {
			n := min(len(data), 1000)
			_, _ = pw.Write(data[:n])
			data = data[n:]
		}
		pw.Close()
	}()
	msg, err := NewReader(pr).ReadFrame()
	require.NoError(t, err)
	assert.Equal(t, body, string(msg))
}

func TestReadFramePassesIOErrors(t *testing.T) {
	boom := errors.New("boom")
	r := NewReader(io.MultiReader(bytes.NewReader(frameBytes(4, "{")), iotestErr{boom}))
	_, err := r.ReadFrame()
	assert.ErrorIs(t, err, boom)
	var fe *FrameError
	assert.False(t, errors.As(err, &fe), "an I/O failure is not a malformed frame")
}

type iotestErr struct{ err error }

func (e iotestErr) Read([]byte) (int, error) { return 0, e.err }

func TestWriteFrame(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	require.NoError(t, w.WriteFrame([]byte(`{"a":"<b>"}`)))
	require.NoError(t, w.Encode(map[string]string{"a": "<b>"}))
	r := NewReaderSize(&buf, MaxHostMessageSize)
	for range 2 {
		msg, err := r.ReadFrame()
		require.NoError(t, err)
		assert.Equal(t, `{"a":"<b>"}`, string(msg), "no HTML escaping")
	}
}

func TestWriteFrameRefusesBeforeWriting(t *testing.T) {
	exact := `"` + strings.Repeat("x", MaxHostMessageSize-2) + `"`
	cases := []struct {
		name string
		msg  string
		kind error
	}{
		{"one byte over 1 MiB", exact + " ", ErrTooLarge},
		{"not json", `{`, ErrInvalidJSON},
		{"empty", ``, ErrInvalidJSON},
		{"bad utf8", "\"\xfe\"", ErrInvalidUTF8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := NewWriter(&buf).WriteFrame([]byte(tc.msg))
			assert.ErrorIs(t, err, tc.kind)
			assert.Zero(t, buf.Len(), "nothing written")
		})
	}
	var buf bytes.Buffer
	require.NoError(t, NewWriter(&buf).WriteFrame([]byte(exact)), "exactly 1 MiB is allowed, as in Chrome")
	assert.Equal(t, HeaderSize+MaxHostMessageSize, buf.Len())
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	f.n++
	return 0, errors.New("broken pipe")
}

func TestWriterErrorIsSticky(t *testing.T) {
	fw := &failWriter{}
	w := NewWriter(fw)
	err1 := w.WriteFrame([]byte(`1`))
	require.Error(t, err1)
	err2 := w.WriteFrame([]byte(`2`))
	assert.Equal(t, err1, err2)
	assert.Equal(t, 1, fw.n, "no write after a failed one: the stream may hold half a frame")
}

func TestWriterConcurrentFramesDoNotInterleave(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	var wg sync.WaitGroup
	bodies := []string{`"` + strings.Repeat("a", 5000) + `"`, `"` + strings.Repeat("b", 7000) + `"`}
	for i := range 20 {
		wg.Go(func() { assert.NoError(t, w.WriteFrame([]byte(bodies[i%2]))) })
	}
	wg.Wait()
	r := NewReader(&buf)
	for range 20 {
		msg, err := r.ReadFrame()
		require.NoError(t, err)
		assert.Contains(t, bodies, string(msg))
	}
	_, err := r.ReadFrame()
	assert.Equal(t, io.EOF, err)
}

// FuzzReadFrame feeds arbitrary streams to the Reader: it must never panic, every frame it returns
// must be valid JSON within the limit, and writing it back must reproduce the bytes it came from.
func FuzzReadFrame(f *testing.F) {
	f.Add(frameOf(`{"hostname":"127.0.0.1"}`), 0)
	f.Add(frameBytes(0xFFFFFFFF, "{}"), 0)
	f.Add(frameBytes(3, "{}"), 0)
	f.Add([]byte{1, 2}, 0)
	f.Add(append(frameOf("\"\xff\""), frameOf(`[]`)...), 16)
	f.Fuzz(func(t *testing.T, data []byte, limit int) {
		limit = limit%4096 + 1
		if limit < 1 {
			limit = -limit + 1
		}
		r := NewReaderSize(bytes.NewReader(data), limit)
		var echoed bytes.Buffer
		w := NewWriterSize(&echoed, limit)
		consumed := 0
		for {
			msg, err := r.ReadFrame()
			if err == io.EOF {
				require.Equal(t, len(data), consumed)
				break
			}
			var fe *FrameError
			if err != nil {
				require.ErrorAs(t, err, &fe)
				if !fe.StreamIntact() {
					break
				}
				consumed += HeaderSize + int(fe.Length)
				continue
			}
			require.LessOrEqual(t, len(msg), limit)
			require.True(t, json.Valid(msg))
			require.NoError(t, w.WriteFrame(msg))
			require.Equal(t, data[consumed:consumed+HeaderSize+len(msg)], echoed.Bytes())
			echoed.Reset()
			consumed += HeaderSize + len(msg)
		}
	})
}

func BenchmarkReadFrame(b *testing.B) {
	for _, size := range []int{64, 64 << 10, 1 << 20} {
		body := `"` + strings.Repeat("x", size-2) + `"`
		stream := frameOf(body)
		b.Run(byteSize(size), func(b *testing.B) {
			b.SetBytes(int64(len(stream)))
			rd := bytes.NewReader(stream)
			r := NewReader(rd)
			for b.Loop() {
				rd.Reset(stream)
				if _, err := r.ReadFrame(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWriteFrame(b *testing.B) {
	for _, size := range []int{64, 64 << 10, 1 << 20} {
		body := []byte(`"` + strings.Repeat("x", size-2) + `"`)
		b.Run(byteSize(size), func(b *testing.B) {
			b.SetBytes(int64(len(body) + HeaderSize))
			w := NewWriter(io.Discard)
			for b.Loop() {
				if err := w.WriteFrame(body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return strconv.Itoa(n>>20) + "MiB"
	case n >= 1<<10:
		return strconv.Itoa(n>>10) + "KiB"
	}
	return strconv.Itoa(n) + "B"
}

// naiveReadFrame is the textbook reader: trust the header, allocate it, ReadFull. It is the
// baseline the chunked Reader is measured against.
func naiveReadFrame(r io.Reader) ([]byte, error) {
	var hdr [HeaderSize]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	body := make([]byte, binary.NativeEndian.Uint32(hdr[:]))
	_, err := io.ReadFull(r, body)
	return body, err
}

// BenchmarkReadFrameVsNaive runs the Reader and the naive reader side by side on the same frames
// and reports the Reader's time as a multiple of the naive one ("x-naive"): the price of reading
// in chunks and validating UTF-8 and JSON.
func BenchmarkReadFrameVsNaive(b *testing.B) {
	for _, size := range []int{256, 64 << 10, 1 << 20} {
		body := `{"k":"` + strings.Repeat("x", size-8) + `"}`
		stream := frameOf(body)
		b.Run(byteSize(size), func(b *testing.B) {
			var ours, naive time.Duration
			rd := bytes.NewReader(stream)
			r := NewReader(rd)
			for b.Loop() {
				rd.Reset(stream)
				start := time.Now()
				if _, err := r.ReadFrame(); err != nil {
					b.Fatal(err)
				}
				ours += time.Since(start)
				rd.Reset(stream)
				start = time.Now()
				if _, err := naiveReadFrame(rd); err != nil {
					b.Fatal(err)
				}
				naive += time.Since(start)
			}
			b.ReportMetric(float64(ours)/float64(naive), "x-naive")
		})
	}
}
