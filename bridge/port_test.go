package bridge

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type joke struct {
	Joke   string `json:"joke,omitempty"`
	Answer string `json:"answer,omitempty"`
}

type question struct {
	Question string `json:"question"`
}

func knockKnock(ctx context.Context, p *Port) {
	replies := map[string]string{"Knock knock": "Who's there?", "Madame": "Madame who?", "Madame... Bovary": "I don't get it."}
	for m, err := range p.Messages() {
		if err != nil {
			return
		}
		var j joke
		if m.Decode(&j) != nil {
			return
		}
		_ = p.Send(question{Question: replies[j.Joke+j.Answer]})
	}
}

func TestPortConversation(t *testing.T) {
	b := newMemBrowser()
	worker, content := b.worker(), b.content(1, 0)
	require.NoError(t, onConnectOn(worker, "knockknock", knockKnock, AllowContentScripts()))
	require.NoError(t, worker.Ready())
	require.NoError(t, content.Ready())

	p, err := connectOn(ctxT(t), content, ToExtension(), "knockknock")
	require.NoError(t, err)
	var got []string
	for _, j := range []joke{{Joke: "Knock knock"}, {Answer: "Madame"}, {Answer: "Madame... Bovary"}} {
		require.NoError(t, p.Send(j))
		m, err := p.Receive(ctxT(t))
		require.NoError(t, err)
		var q question
		require.NoError(t, m.Decode(&q))
		got = append(got, q.Question)
	}
	assert.Equal(t, []string{"Who's there?", "Madame who?", "I don't get it."}, got)
	p.Disconnect()
	<-p.Done()
	assert.ErrorIs(t, p.Err(), ErrDisconnected)
	assert.ErrorIs(t, p.Send(joke{}), ErrDisconnected, "send after disconnect")
	p.Disconnect() // twice is fine
}

func TestPortHandlerReturnDisconnectsAndSenderIsKnown(t *testing.T) {
	b := newMemBrowser()
	worker, content := b.worker(), b.content(4, 2)
	var seen Sender
	require.NoError(t, onConnectOn(worker, "login:*", func(ctx context.Context, p *Port) {
		seen, _ = SenderFrom(ctx)
		_ = p.Send(map[string]string{"name": p.Name()})
	}, AllowContentScripts()))
	require.NoError(t, worker.Ready())
	require.NoError(t, content.Ready())

	p, err := connectOn(ctxT(t), content, ToExtension(), "login:127.0.0.1")
	require.NoError(t, err)
	var msgs []string
	for m, err := range p.Messages() {
		require.NoError(t, err)
		msgs = append(msgs, string(m.Raw()))
	}
	assert.Equal(t, []string{`{"name":"login:127.0.0.1"}`}, msgs)
	assert.ErrorIs(t, p.Err(), ErrDisconnected)
	require.NotNil(t, seen.Tab)
	assert.Equal(t, 4, seen.Tab.ID)
	assert.Equal(t, 2, seen.FrameID)
	_, opener := p.Sender()
	assert.False(t, opener, "the opening side has no sender")
}

func TestPortRefusals(t *testing.T) {
	b := newMemBrowser()
	worker, content := b.worker(), b.content(1, 0)
	require.NoError(t, onConnectOn(worker, "private", knockKnock, AllowOwnExtension()))
	require.NoError(t, worker.Ready())
	require.NoError(t, content.Ready())
	// A denied sender gets one error envelope, then the disconnect.
	p, err := connectOn(ctxT(t), content, ToExtension(), "private")
	require.NoError(t, err)
	m, err := p.Receive(ctxT(t))
	require.NoError(t, err)
	assert.Contains(t, string(m.Raw()), `"denied"`)
	_, err = p.Receive(ctxT(t))
	assert.ErrorIs(t, err, ErrDisconnected)

	// A name nobody handles is left alone, so another context could take it: no message, no
	// disconnect; the opener's first exchange fails at its deadline.
	p, err = connectOn(ctxT(t), content, ToExtension(), "nope")
	require.NoError(t, err)
	require.NoError(t, p.Send("anyone?"))
	ctx, cancel := context.WithTimeout(ctxT(t), 200*time.Millisecond)
	defer cancel()
	_, err = p.Receive(ctx)
	assert.ErrorIs(t, err, ErrTimeout)
	assert.NoError(t, p.Send("still open"), "the port was not disconnected")
}

func TestPortNoReceiver(t *testing.T) {
	b := newMemBrowser()
	content := b.content(1, 0)
	require.NoError(t, content.Ready())
	p, err := connectOn(ctxT(t), content, ToExtension(), "x")
	require.NoError(t, err)
	var last error
	for _, err := range p.Messages() {
		last = err
	}
	assert.ErrorIs(t, last, ErrNoReceiver)
	assert.ErrorIs(t, p.Err(), ErrNoReceiver)
	assert.ErrorIs(t, p.Err(), ErrDisconnected)
}

func TestPortEndsWhenWorkerStopsOrContextEnds(t *testing.T) {
	b := newMemBrowser()
	worker, content := b.worker(), b.content(1, 0)
	require.NoError(t, onConnectOn(worker, "wait", func(ctx context.Context, p *Port) { <-ctx.Done() }, AllowContentScripts()))
	require.NoError(t, worker.Ready())
	require.NoError(t, content.Ready())

	p, err := connectOn(ctxT(t), content, ToExtension(), "wait")
	require.NoError(t, err)
	require.NoError(t, p.Send(1))
	b.kill(worker)
	<-p.Done()
	assert.ErrorIs(t, p.Err(), ErrDisconnected)
	assert.NotErrorIs(t, p.Err(), ErrNoReceiver, "a stopped worker closes ports with no lastError")

	worker2 := b.worker()
	require.NoError(t, onConnectOn(worker2, "wait", func(ctx context.Context, p *Port) { <-ctx.Done() }, AllowContentScripts()))
	require.NoError(t, worker2.Ready())
	ctx, cancel := context.WithCancel(context.Background())
	p2, err := connectOn(ctx, content, ToExtension(), "wait")
	require.NoError(t, err)
	cancel()
	<-p2.Done()
	assert.ErrorIs(t, p2.Err(), context.Canceled)
}

func TestPortMessageLimits(t *testing.T) {
	b := newMemBrowser()
	worker, content := b.worker(), b.content(1, 0)
	errs := make(chan error, 4)
	require.NoError(t, onConnectOn(worker, "small", func(ctx context.Context, p *Port) {
		for m, err := range p.Messages() {
			if err == nil {
				var v struct {
					A int `json:"a"`
				}
				err = m.Decode(&v)
			}
			errs <- err
		}
	}, AllowContentScripts(), MaxBytes(16)))
	require.NoError(t, worker.Ready())
	require.NoError(t, content.Ready())
	p, err := connectOn(ctxT(t), content, ToExtension(), "small")
	require.NoError(t, err)
	require.NoError(t, p.Send(map[string]string{"a": "this is far too long"}))
	require.NoError(t, p.Send(map[string]int{"b": 1}))
	require.NoError(t, p.Send(map[string]int{"a": 1}))
	assert.ErrorIs(t, <-errs, ErrTooLarge)
	assert.ErrorIs(t, <-errs, ErrInvalid)
	assert.NoError(t, <-errs)
}
