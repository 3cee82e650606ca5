// Records declarativeNetRequest.onRuleMatchedDebug for the declarativeNetRequest scenarios.
self.matched = [];
chrome.declarativeNetRequest.onRuleMatchedDebug.addListener((info) => self.matched.push(info));
