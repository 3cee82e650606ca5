package scenario

import "github.com/extwasm/extwasm/extwasmtest"

// framedHTML is a top page with one same-origin subframe (frame 1), both matched by the fixture's
// content script.
const framedHTML = `<!doctype html><html><head><title>framed</title></head><body><p>top</p><iframe src="/sub.html"></iframe></body></html>`

func init() {
	ev := extwasmtest.Eval
	until := func(realm, cond, expr string) extwasmtest.EvalStep {
		return extwasmtest.EvalStep{Realm: realm, Until: cond, Expr: expr}
	}
	All = append(All, Scenario{
		Name: "window-postmessage-basics",
		Doc: "window.postMessage, MessageChannel and MessagePort as Chromium 156 does them, measured: a window message is " +
			"delivered in a later task, in posting order, to the listeners of every world of the frame (the page's and the " +
			"content script's), never to another frame; its data is cloned into each world, origin is the sender's, source " +
			"the window, isTrusted true; a targetOrigin that does not match drops it silently, one that does not parse " +
			"throws a SyntaxError, and \"/\" (the default) means the sender's own origin. A subframe's parent.postMessage " +
			"reaches both worlds of the top frame with the subframe's window as source, which can answer it, and which is " +
			"iframe.contentWindow, through which the top page posts down. A transferred " +
			"ArrayBuffer moves: receivers get its bytes, the sender keeps a detached one. A port transferred to the own window " +
			"reaches both worlds as the same port: both worlds' onmessage get its traffic, and either can answer. A port " +
			"delivers nothing until start() or onmessage, in order once started; close() makes later posts vanish " +
			"without an error. A page's own `new MessageEvent` dispatched at the window reaches the content script with " +
			"a copy of its data, its forged origin and source, and isTrusted false.",
		Tabs: []Tab{{Name: "main", Path: "/framed.html", HTML: framedHTML}},
		Steps: []Step{
			{Do: ev("main/cs", `self.got = []; addEventListener("message", e => got.push(["cs", e.data, e.origin === location.origin, e.source === window, e.ports.length, e.isTrusted, e.lastEventId, e instanceof MessageEvent])); 1`),
				Want: `{"value":1}`},
			{Do: ev("main/page", `self.got = []; addEventListener("message", e => got.push(["page", e.data, e.origin === location.origin, e.source === window, e.ports.length, e.isTrusted])); 1`),
				Want: `{"value":1}`},
			{Do: ev("main/frame1/page", `self.got = []; addEventListener("message", e => got.push(["sub", e.data])); 1`), Want: `{"value":1}`},
			{Do: ev("main/frame1/cs", `self.got = []; addEventListener("message", e => got.push(["subcs", e.data])); 1`), Want: `{"value":1}`},
			{Do: ev("main/page", `got.push("before"); postMessage({a: 1, d: new Date(0)}, "*"); got.push("after"); `+
				`postMessage("two", location.origin); postMessage("three", "http://other.example"); postMessage("four", "/"); postMessage("five"); got.slice()`),
				Want: `{"value":["before","after"]}`},
			{Do: until("main/page", `got.length >= 6`, `got.map(g => typeof g === "string" ? g : g.map(x => x && x.d instanceof Date ? {a: x.a, d: "Date " + x.d.getTime()} : x))`),
				Want: `{"value":["before","after",["page",{"a":1,"d":"Date 0"},true,true,0,true],["page","two",true,true,0,true],["page","four",true,true,0,true],["page","five",true,true,0,true]]}`},
			{Do: until("main/cs", `got.length >= 4`, `got.map(g => g.map(x => x && x.d instanceof Date ? {a: x.a, d: "Date " + x.d.getTime()} : x))`),
				Want: `{"value":[["cs",{"a":1,"d":"Date 0"},true,true,0,true,"",true],["cs","two",true,true,0,true,"",true],["cs","four",true,true,0,true,"",true],["cs","five",true,true,0,true,"",true]]}`},
			{Do: ev("main/frame1/page", `got`), Want: `{"value":[]}`},
			{Do: ev("main/frame1/cs", `got`), Want: `{"value":[]}`},
			{Do: ev("main/page", `postMessage(1, "nope")`),
				Want: `{"error":{"name":"SyntaxError","message":"Failed to execute 'postMessage' on 'Window': Invalid target origin 'nope' in a call to 'postMessage'."}}`},
			{Do: ev("main/page", `postMessage(() => 1, "*")`),
				Want: `{"error":{"name":"DataCloneError","message":"Failed to execute 'postMessage' on 'Window': () =\u003e 1 could not be cloned."}}`},
			{Do: ev("main/cs", `try { postMessage(Symbol(), "*") } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'Window': Symbol() could not be cloned."]}`},
			// A port the content script transfers to its own window.
			{Do: ev("main/page", `self.pin = []; addEventListener("message", e => { if (e.data && e.data.hs) { self.pport = e.ports[0]; pport.onmessage = m => { pin.push([m.data, m.origin, m.source, m.ports.length, m.isTrusted]); pport.postMessage({echo: m.data}); }; } }); 1`),
				Want: `{"value":1}`},
			{Do: ev("main/cs", `got.length = 0; self.cin = []; self.ch = new MessageChannel(); addEventListener("message", e => { if (e.data && e.data.hs) { self.cport = e.ports[0]; cport.onmessage = m => cin.push(m.data); } }); `+
				`self.back = []; ch.port1.onmessage = m => back.push(m.data); postMessage({hs: 1}, location.origin, [ch.port2]); [String(ch.port2), Object.prototype.toString.call(ch)]`),
				Want: `{"value":["[object MessagePort]","[object MessageChannel]"]}`},
			{Do: until("main/cs", `self.cport !== undefined`, `ch.port1.postMessage({x: 1, m: new Map([[1, 2]]), u: undefined}); ch.port1.postMessage("second"); 1`),
				Want: `{"value":1}`},
			{Do: until("main/page", `pin.length >= 2`, `pin.map(p => [JSON.stringify(p[0]), p[0] && p[0].m instanceof Map, p[1], p[2], p[3], p[4]])`),
				Want: `{"value":[["{\"x\":1,\"m\":{}}",true,"",null,0,true],["\"second\"",false,"",null,0,true]]}`},
			{Do: until("main/cs", `cin.length >= 2 && back.length >= 2`, `[cin.map(m => JSON.stringify(m)), back.map(m => JSON.stringify(m))]`),
				Want: `{"value":[["{\"x\":1,\"m\":{}}","\"second\""],["{\"echo\":{\"x\":1,\"m\":{}}}","{\"echo\":\"second\"}"]]}`},
			// Start, order and close.
			{Do: ev("main/cs", `self.q = []; self.mk = []; self.a = new MessageChannel(); const m = new MessageChannel(); a.port2.addEventListener("message", e => q.push(e.data)); `+
				`m.port2.onmessage = e => mk.push(e.data); a.port1.postMessage(1); a.port1.postMessage(2); m.port1.postMessage("marker"); 1`),
				Want: `{"value":1}`},
			{Do: until("main/cs", `mk.length >= 1`, `[q.length, mk]`), Want: `{"value":[0,["marker"]]}`},
			{Do: until("main/cs", `(a.port2.start(), q.length >= 2)`, `q`), Want: `{"value":[1,2]}`},
			{Do: ev("main/cs", `a.port1.close(); a.port1.postMessage(3); a.port2.postMessage(4); a.port1.close(); `+
				`[typeof a.port1.onclose, Object.getOwnPropertyNames(MessagePort.prototype).sort().join(), Object.getOwnPropertyNames(MessageChannel.prototype).sort().join()]`),
				Want: `{"value":["undefined","close,constructor,onmessage,onmessageerror,postMessage,start","constructor,port1,port2"]}`},
			{Do: ev("main/cs", `try { const c = new MessageChannel(); c.port1.postMessage(1, [c.port1]); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'MessagePort': Port at index 0 contains the source port."]}`},
			{Do: ev("main/cs", `try { const c = new MessageChannel(); c.port1.postMessage(1, [c.port2]); c.port1.postMessage(1, [c.port2]); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'MessagePort': Port at index 0 is already neutered."]}`},
			{Do: ev("main/cs", `try { new MessageChannel().port1.postMessage(function(){}) } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'MessagePort': function(){} could not be cloned."]}`},
			{Do: ev("main/cs", `try { const c = new MessageChannel(), d = new MessageChannel(); c.port1.postMessage(1, [d.port1, d.port1]); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'MessagePort': Message port at index 1 is a duplicate of an earlier port."]}`},
			{Do: ev("main/cs", `try { new MessageChannel().port1.postMessage(1, 5); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["TypeError","Failed to execute 'postMessage' on 'MessagePort': Overload resolution failed."]}`},
			{Do: ev("main/cs", `try { postMessage(1, "*", [{}]); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'Window': Value at index 0 does not have a transferable type."]}`},
			{Do: ev("main/cs", `try { postMessage(1, "*", 5); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["TypeError","Failed to execute 'postMessage' on 'Window': The provided value cannot be converted to a sequence."]}`},
			{Do: ev("main/cs", `try { postMessage({p: new MessageChannel().port1}, "*"); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'Window': A MessagePort could not be cloned because it was not transferred."]}`},
			{Do: ev("main/cs", `try { postMessage({a: [1, {f: function g() {}}]}, "*"); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'Window': function g() {} could not be cloned."]}`},
			{Do: ev("main/cs", `try { postMessage([document], "*"); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'Window': HTMLDocument object could not be cloned."]}`},
			{Do: ev("main/cs", `try { postMessage(1, {targetOrigin: "nope"}); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["SyntaxError","Failed to execute 'postMessage' on 'Window': Invalid target origin 'nope' in a call to 'postMessage'."]}`},
			{Do: ev("main/cs", `try { new MessagePort() } catch (e) { [e.name, e.message] }`), Want: `{"value":["TypeError","Failed to construct 'MessagePort': Illegal constructor"]}`},
			{Do: ev("main/cs", `const e = new MessageEvent("message"); [e.data, e.origin, e.lastEventId, e.source, e.ports.length, e.isTrusted]`),
				Want: `{"value":[null,"","",null,0,false]}`},
			// A transferred port may also be in the data: it is the same port as in event.ports.
			{Do: ev("main/page", `self.inData = []; addEventListener("message", e => { if (e.data && e.data.port) inData.push([e.data.port instanceof MessagePort, e.data.port === e.ports[0], e.ports.length, e.data.list[1] === e.data.port]); }); 1`),
				Want: `{"value":1}`},
			{Do: ev("main/cs", `(() => { const c = new MessageChannel(); postMessage({port: c.port2, list: [1, c.port2]}, "/", [c.port2]); return 1; })()`), Want: `{"value":1}`},
			{Do: until("main/page", `inData.length >= 1`, `inData`), Want: `{"value":[[true,true,1,true]]}`},
			{Do: ev("main/cs", `(() => { const c = new MessageChannel(), d = new MessageChannel(); self.cgot = []; c.port2.onmessage = e => cgot.push([e.data.p instanceof MessagePort, e.data.p === e.ports[1], e.ports.length]); c.port1.postMessage({p: d.port2}, [d.port1, d.port2]); return 1; })()`),
				Want: `{"value":1}`},
			{Do: until("main/cs", `cgot.length >= 1`, `cgot`), Want: `{"value":[[true,true,2]]}`},
			// Transferring an ArrayBuffer moves it: the receivers get its bytes, the sender an empty one.
			{Do: ev("main/page", `self.bufs = []; addEventListener("message", e => { if (e.data && e.data.buf) bufs.push([e.data.buf.byteLength, e.data.view.length, e.data.view[0], e.data.view.buffer === e.data.buf]); }); 1`),
				Want: `{"value":1}`},
			{Do: ev("main/cs", `(() => { const buf = new ArrayBuffer(8), view = new Uint8Array(buf); view[0] = 7; postMessage({buf, view}, "/", [buf]); return [buf.byteLength, view.length]; })()`),
				Want: `{"value":[0,0]}`},
			{Do: until("main/page", `bufs.length >= 1`, `bufs`), Want: `{"value":[[8,8,7,true]]}`},
			{Do: ev("main/cs", `(() => { const c = new MessageChannel(); self.pb = []; c.port2.onmessage = e => pb.push(e.data.byteLength); const b = new ArrayBuffer(4); c.port1.postMessage(b, [b]); return b.byteLength; })()`),
				Want: `{"value":0}`},
			{Do: until("main/cs", `pb.length >= 1`, `pb`), Want: `{"value":[4]}`},
			{Do: ev("main/cs", `try { const b = new ArrayBuffer(8); postMessage(1, "*", [b, b]); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'Window': ArrayBuffer at index 1 is a duplicate of an earlier ArrayBuffer."]}`},
			{Do: ev("main/cs", `try { const b = new ArrayBuffer(8); postMessage(1, "*", [b]); postMessage(1, "*", [b]); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'Window': ArrayBuffer at index 0 is already detached."]}`},
			{Do: ev("main/cs", `try { const b = new ArrayBuffer(8); postMessage(b, "*", [b]); postMessage(b, "*"); } catch (e) { [e.name, e.message] }`),
				Want: `{"value":["DataCloneError","Failed to execute 'postMessage' on 'Window': An ArrayBuffer is detached and could not be cloned."]}`},
			// A subframe posts to its parent's window: both worlds of the top frame get it, with the
			// subframe's window as source, through which the top page answers.
			{Do: ev("main/page", `got.length = 0; addEventListener("message", e => { if (e.data === "from sub") e.source.postMessage("pong", "*"); }); 1`), Want: `{"value":1}`},
			{Do: ev("main/frame1/page", `got.length = 0; parent.postMessage("from sub", "*"); parent.postMessage("lost", "http://other.example"); 1`), Want: `{"value":1}`},
			{Do: until("main/page", `got.length >= 1`, `got.map(g => [g[1], g[2], g[3], g[4], g[5]])`),
				Want: `{"value":[["from sub",true,false,0,true]]}`},
			{Do: until("main/frame1/page", `got.length >= 1`, `got`), Want: `{"value":[["sub","pong"]]}`},
			{Do: until("main/cs", `got.some(g => g[1] === "from sub")`, `got.filter(g => g[1] === "from sub").map(g => [g[2], g[3], g[5]])`),
				Want: `{"value":[[true,false,true]]}`},
			// The top page reaches the subframe's window as iframe.contentWindow, the same object
			// as the source of the subframe's messages.
			{Do: ev("main/page", `self.subWin = document.querySelector("iframe").contentWindow; self.srcSeen = []; `+
				`addEventListener("message", e => { if (e.data === "again") srcSeen.push(e.source === subWin); }); `+
				`subWin.postMessage("down", "*"); [typeof subWin, subWin === document.querySelector("iframe").contentWindow, subWin === window]`),
				Want: `{"value":["object",true,false]}`},
			{Do: until("main/frame1/page", `got.some(g => g[1] === "down")`, `(parent.postMessage("again", "*"), got.filter(g => g[1] === "down"))`),
				Want: `{"value":[["sub","down"]]}`},
			{Do: until("main/page", `srcSeen.length >= 1`, `srcSeen`), Want: `{"value":[true]}`},
			{Do: ev("main/cs", `document.querySelector("iframe").contentWindow === document.querySelector("iframe").contentWindow`), Want: `{"value":true}`},
			// A page's forged MessageEvent.
			{Do: ev("main/page", `got.length = 0; dispatchEvent(new MessageEvent("message", {data: {x: 1}, origin: "http://forged.example", source: window, ports: [new MessageChannel().port1]})); got`),
				Want: `{"value":[["page",{"x":1},false,true,1,false]]}`},
			{Do: ev("main/cs", `got.filter(g => g[1] && g[1].x).map(g => g.slice(0, 6))`), Want: `{"value":[["cs",{"x":1},false,true,1,false]]}`},
		},
	})
}
