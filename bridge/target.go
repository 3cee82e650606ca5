package bridge

import (
	"fmt"
	"strconv"

	"github.com/extwasm/extwasm/bridge/internal/wire"
)

type targetKind = wire.TargetKind

const (
	targetExtension      = wire.ToExtension
	targetTab            = wire.ToTab
	targetOtherExtension = wire.ToOtherExtension
	targetNative         = wire.ToNative
	targetPageWorld      = wire.ToPageWorld
)

// Target says where a message or port goes. Make one with ToExtension, ToTab, ToFrame, ToDocument or
// ToOtherExtension or ToNative.
type Target struct {
	kind  targetKind
	ext   string // other extension id, or native host name
	tab   int
	frame int    // -1: every frame
	doc   string // "" : any document
}

// ToExtension targets this extension's service worker and pages (runtime.sendMessage/connect).
// Content scripts are never reached this way; use ToTab.
func ToExtension() Target { return Target{kind: targetExtension, frame: -1} }

// ToTab targets the content scripts (and extension frames) in every frame of a tab.
func ToTab(tabID int) Target { return Target{kind: targetTab, tab: tabID, frame: -1} }

// ToFrame targets one frame of a tab (0 is the top frame).
func ToFrame(tabID, frameID int) Target { return Target{kind: targetTab, tab: tabID, frame: frameID} }

// ToDocument targets one document of a tab: a navigated frame no longer matches.
func ToDocument(tabID int, documentID string) Target {
	return Target{kind: targetTab, tab: tabID, frame: -1, doc: documentID}
}

// ToOtherExtension targets another extension by id; it receives on runtime.onMessageExternal and
// onConnectExternal, subject to its externally_connectable key.
func ToOtherExtension(id string) Target {
	return Target{kind: targetOtherExtension, ext: id, frame: -1}
}

func (t Target) check() error {
	switch t.kind {
	case targetTab:
		if t.tab < 0 {
			return fmt.Errorf("%w: tab id %d is negative", ErrInvalid, t.tab)
		}
		if t.frame < -1 {
			return fmt.Errorf("%w: frame id %d is negative", ErrInvalid, t.frame)
		}
	case targetOtherExtension:
		if !ValidExtensionID(t.ext) {
			return fmt.Errorf("%w: %q is not an extension id", ErrInvalid, t.ext)
		}
	case targetNative:
		if !validNativeName(t.ext) {
			return fmt.Errorf("%w: %w: %q is not a native messaging host name ([a-z0-9._], no leading, trailing or double dot)", ErrInvalid, ErrNative, t.ext)
		}
	}
	return nil
}

// String describes the target for error messages and logs.
func (t Target) String() string {
	switch t.kind {
	case targetExtension:
		return "extension"
	case targetOtherExtension:
		return "extension " + t.ext
	case targetNative:
		return "native host " + t.ext
	case targetPageWorld:
		return "page world"
	}
	s := "tab " + strconv.Itoa(t.tab)
	if t.frame >= 0 {
		s += " frame " + strconv.Itoa(t.frame)
	}
	if t.doc != "" {
		s += " document " + t.doc
	}
	return s
}

func (t Target) wire() wire.Target {
	return wire.Target{Kind: t.kind, Extension: t.ext, Tab: t.tab, Frame: t.frame, DocumentID: t.doc}
}
