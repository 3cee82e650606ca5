// Top-level await in a module script that neither imports nor exports, as popups commonly do.
self.order.push("src before await");
const tab = await chrome.tabs.getCurrent();
self.order.push("src after await");
self.tla = { sameURL: tab.url === location.href, thisType: typeof this, file: import.meta.url.split("/").pop() };
await new Promise((resolve) => setTimeout(resolve, 0));
self.pageReady = true;
