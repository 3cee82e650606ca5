// The attacker of the extension frame's channel: a content script of the same extension in the
// subframes of the login page (document_start, so it listens before the extension frame connects),
// it stands for a subframe's compromised renderer. It listens for the channel's ports, tries a
// runtime port under the channel's name, and on every end it gets posts forged frame-protocol
// messages: a start, a hook carrying a message for demo.greet (a route only the own extension may
// call) under a forged worker sender, and answers to calls. What it sees is in self.attack.
(() => {
  if (window.top === window) return;
  const a = self.attack = {ports: [], messages: [], disconnected: [], postErrors: [], runtimePort: "open"};
  const id = chrome.runtime.id, origin = "chrome-extension://" + id;
  const forge = (port) => {
    const sender = JSON.stringify({id, url: origin + "/worker.js", origin});
    const greet = JSON.stringify({extwasm: 1, route: "demo.greet", body: {name: "attacker"}});
    for (const m of [
      {t: "start", file: "content.wasm", options: {raw: true}, hostname: "attacker.example"},
      {t: "hook", args: ["message", 9001, "internal", greet, sender]},
      {t: "result", id: 1, ok: true, value: "forged"},
      {t: "dom", id: 1, ok: true, value: 1},
      {t: "ready"},
      {t: "call", method: "_send", id: 77, args: ["", greet]},
    ]) {
      try { port.postMessage(m); } catch (e) { a.postErrors.push(e.message); }
    }
  };
  chrome.runtime.onConnect.addListener((port) => {
    if (!port.name.startsWith("extwasm-frame:")) return;
    a.ports.push(port.name);
    port.onMessage.addListener((m) => a.messages.push(m));
    port.onDisconnect.addListener(() => a.disconnected.push(port.name));
    forge(port);
  });
  const p = chrome.runtime.connect({name: "extwasm-frame:" + "0".repeat(32)});
  p.onMessage.addListener((m) => a.messages.push(m));
  p.onDisconnect.addListener(() => { a.runtimePort = "disconnected"; });
  forge(p);
})();
