package nativesim

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/nativehost"
)

// proc is a host process and the two goroutines that talk to it: a writer feeding stdin from a
// queue (so the browser never blocks on a host that does not read) and a supervisor reading
// stdout, then reaping the process.
type proc struct {
	r       *Registry
	c       *Conn
	cmd     *exec.Cmd
	pid     int
	stdinW  *os.File
	stdoutR *os.File
	grace   time.Duration

	mu       sync.Mutex
	cond     *sync.Cond
	q        [][]byte
	stopping bool

	termOnce sync.Once
	reaped   chan struct{} // closed once Wait has returned
}

// start launches exe for c the way Chrome does and sends first, when set, as its first message.
func (r *Registry) start(c *Conn, exe string, first []byte) error {
	args := []string{c.origin}
	if runtime.GOOS == "windows" {
		// A service worker has no window; Chrome passes 0 then.
		args = append(args, "--parent-window=0")
	}
	// Pipes made here rather than by os/exec: reading the *os.File directly needs no copying
	// goroutine, and closing it unblocks a read held up by a grandchild that kept stdout open.
	inR, inW, err := os.Pipe()
	if err != nil {
		return chromeError(chromefacts.ErrNativeHostStartFailed, err, "stdin pipe: %v", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return chromeError(chromefacts.ErrNativeHostStartFailed, err, "stdout pipe: %v", err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = filepath.Dir(exe)
	cmd.Env = r.opts.Env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, c.stderr
	// Bounds how long Wait waits for stderr after the host exits, should a child keep it open.
	cmd.WaitDelay = r.opts.KillGrace

	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		inR.Close()
		inW.Close()
		outR.Close()
		outW.Close()
		return ErrClosed
	}
	err = cmd.Start()
	inR.Close()
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return chromeError(chromefacts.ErrNativeHostStartFailed, err, "start %s: %v", exe, err)
	}
	p := &proc{r: r, c: c, cmd: cmd, pid: cmd.Process.Pid, stdinW: inW, stdoutR: outR, grace: r.opts.KillGrace,
		reaped: make(chan struct{})}
	p.cond = sync.NewCond(&p.mu)
	if first != nil {
		p.q = append(p.q, first)
	}
	c.proc = p
	r.procs[p] = struct{}{}
	r.inflight++
	r.wg.Add(2)
	go p.writeLoop()
	go p.supervise()
	return nil
}

// enqueue hands a framed message to the writer.
func (p *proc) enqueue(frame []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopping {
		return
	}
	p.q = append(p.q, frame)
	p.cond.Signal()
}

func (p *proc) writeLoop() {
	defer p.r.wg.Done()
	for {
		p.mu.Lock()
		for len(p.q) == 0 && !p.stopping {
			p.cond.Wait()
		}
		if p.stopping {
			// Chrome drops what it had not written when a port closes.
			p.q = nil
			p.mu.Unlock()
			return
		}
		frame := p.q[0]
		p.q[0] = nil
		p.q = p.q[1:]
		p.mu.Unlock()

		if _, err := p.stdinW.Write(frame); err != nil {
			p.mu.Lock()
			stopping := p.stopping
			p.mu.Unlock()
			if !stopping && !errors.Is(err, syscall.EPIPE) {
				p.r.push(p.c, Event{Final: true, ExitCode: -1,
					Err: chromeError(chromefacts.ErrNativeHostCommunication, err, "writing to the host's stdin: %v", err)})
			}
			// A broken pipe is Chrome's ERR_CONNECTION_RESET, "Native host has exited.": the
			// supervisor reports it with the exit status once stdout ends.
			p.terminate()
			return
		}
	}
}

// supervise reads the host's messages until the conn is over, then ends and reaps the process
// and reports how the host went away.
func (p *proc) supervise() {
	defer p.r.wg.Done()
	rd := nativehost.NewReaderSize(p.stdoutR, chromefacts.MaxNativeHostMessageBytes)
	var fatal *Error
	for {
		msg, err := rd.ReadFrame()
		if errors.Is(err, os.ErrClosed) {
			// Only the kill after the grace period closes stdout under the reader: the host
			// is gone, as if its stdout had ended.
			err = io.EOF
		}
		done, f := p.c.onFrame(msg, err)
		if done {
			fatal = f
			break
		}
	}
	p.terminate()
	// Wait's error only repeats what ProcessState says.
	_ = p.cmd.Wait()
	close(p.reaped)
	p.stdoutR.Close()
	code := -1
	if st := p.cmd.ProcessState; st != nil {
		code = st.ExitCode()
	}
	if fatal != nil {
		p.r.push(p.c, Event{Final: true, Err: fatal, ExitCode: code})
	}
	p.r.mu.Lock()
	delete(p.r.procs, p)
	p.r.mu.Unlock()
}

// terminate closes the host's stdin, which is how a well-behaved host learns to exit, and kills
// it if it is still there after the grace period, as Chrome's EnsureProcessTerminated does.
func (p *proc) terminate() {
	p.termOnce.Do(func() {
		p.mu.Lock()
		p.stopping = true
		p.cond.Broadcast()
		p.mu.Unlock()
		p.stdinW.Close()
		// terminate runs before supervise returns, so the WaitGroup is not at zero here.
		p.r.wg.Add(1)
		go func() {
			defer p.r.wg.Done()
			t := time.NewTimer(p.grace)
			defer t.Stop()
			select {
			case <-p.reaped:
			case <-t.C:
				// Errors mean the process is already gone, which is the goal. Closing stdout
				// also frees a read held up by a child that inherited it.
				_ = p.cmd.Process.Kill()
				_ = p.stdoutR.Close()
			}
		}()
	})
}
