package bridge

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUserScriptMessagesNeedAllowUserScripts(t *testing.T) {
	for _, tc := range []struct {
		name          string
		opts          []Option
		fromUser      bool
		fromContent   bool
		wantUserFlags bool
	}{
		{"denied by default", nil, false, false, false},
		{"content scripts do not admit user scripts", []Option{AllowContentScripts()}, false, true, false},
		{"origins do not admit user scripts", []Option{AllowOrigins("http://127.0.0.1:8080")}, false, true, false},
		{"own extension does not admit user scripts", []Option{AllowOwnExtension()}, false, false, false},
		{"user scripts admit no content script", []Option{AllowUserScripts()}, true, false, true},
		{"both", []Option{AllowUserScripts(), AllowContentScripts()}, true, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newMemBrowser()
			worker := b.worker()
			user := b.userScript(1, 0)
			content := b.content(1, 0)
			var seen []bool
			require.NoError(t, handleOn(worker, greet, func(ctx context.Context, r greetReq) (greetResp, error) {
				s, ok := SenderFrom(ctx)
				if !ok || s.Tab == nil {
					return greetResp{}, errors.New("no sender tab")
				}
				seen = append(seen, s.UserScript())
				return greetResp{Greeting: "hello, " + r.Name, From: "worker"}, nil
			}, tc.opts...))
			require.NoError(t, worker.Ready())
			require.NoError(t, user.Ready())
			require.NoError(t, content.Ready())

			_, err := sendOn(ctxT(t), user, greet, ToExtension(), greetReq{Name: "user"})
			if tc.fromUser {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, ErrDenied)
			}
			_, err = sendOn(ctxT(t), content, greet, ToExtension(), greetReq{Name: "content"})
			if tc.fromContent {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, ErrDenied)
			}
			var want []bool
			if tc.fromUser {
				want = append(want, tc.wantUserFlags)
			}
			if tc.fromContent {
				want = append(want, false)
			}
			assert.Equal(t, want, seen)
		})
	}
}

func TestUserScriptPortsNeedAllowUserScripts(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []Option
		ok   bool
	}{
		{"content scripts only", []Option{AllowContentScripts()}, false},
		{"user scripts", []Option{AllowUserScripts()}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newMemBrowser()
			worker := b.worker()
			user := b.userScript(1, 0)
			require.NoError(t, onConnectOn(worker, "echo", func(ctx context.Context, p *Port) {
				s, _ := SenderFrom(ctx)
				for m, err := range p.Messages() {
					if err != nil {
						return
					}
					_ = p.Send(map[string]any{"echo": m.Raw(), "userScript": s.UserScript()})
				}
			}, tc.opts...))
			require.NoError(t, worker.Ready())
			require.NoError(t, user.Ready())
			p, err := connectOn(ctxT(t), user, ToExtension(), "echo")
			require.NoError(t, err)
			require.NoError(t, p.Send("hi"))
			// A denied sender gets one error envelope, then the disconnect.
			m, err := p.Receive(ctxT(t))
			require.NoError(t, err)
			if tc.ok {
				assert.JSONEq(t, `{"echo":"hi","userScript":true}`, string(m.Raw()))
				return
			}
			assert.Contains(t, string(m.Raw()), `"denied"`)
			_, err = p.Receive(ctxT(t))
			assert.ErrorIs(t, err, ErrDisconnected)
		})
	}
}
