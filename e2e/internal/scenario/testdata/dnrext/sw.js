// Records declarativeNetRequest.onRuleMatchedDebug and webNavigation's events for the
// declarativeNetRequest scenarios.
self.matched = [];
chrome.declarativeNetRequest.onRuleMatchedDebug.addListener((info) => self.matched.push(info));
self.nav = [];
for (const name of ["onBeforeNavigate", "onCommitted", "onDOMContentLoaded", "onCompleted", "onErrorOccurred"]) {
  chrome.webNavigation[name].addListener((d) => self.nav.push([name, d.url, d.frameId === 0 ? "top" : "child", d.error, name === "onErrorOccurred" ? Object.keys(d).sort().join() : undefined]));
}
