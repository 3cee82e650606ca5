// Records the input events a form filler dispatches on #login (an external script, so pages whose CSP
// forbids inline script can load it).
window.inputEvents = [];
document.getElementById('login').addEventListener('input', (e) => window.inputEvents.push(e.target.name));
