package bridge

// UserScript reports whether the message or port came from one of the extension's user scripts
// (chrome.userScripts), which Chrome delivers on runtime.onUserScriptMessage and
// onUserScriptConnect. Such a sender otherwise looks like a content script's: URL, Origin, Tab,
// FrameID and DocumentID are the page's.
func (s Sender) UserScript() bool { return s.userScript }

// handleUserScriptMessage answers a one-time message from a user script: as any message, with the
// sender marked as a user script's so that only routes allowing user scripts admit it.
func (ep *endpoint) handleUserScriptMessage(id int, msg, senderText []byte) {
	sender, err := parseSender(senderText)
	if err != nil {
		ep.tr.Respond(id, errorReply(CodeInvalid, "malformed sender"))
		return
	}
	sender.userScript = true
	ep.tr.Respond(id, ep.dispatchFrom(false, msg, sender))
}

// handleUserScriptConnect takes a port a user script opened, as handleConnect does, with the
// sender marked as a user script's.
func (ep *endpoint) handleUserScriptConnect(id int, name string, senderText []byte) {
	sender, err := parseSender(senderText)
	if err != nil {
		_ = ep.tr.Post(id, errorReply(CodeInvalid, "malformed sender"))
		ep.tr.Disconnect(id)
		return
	}
	sender.userScript = true
	ep.connectFrom(id, false, name, sender)
}
