console.log("worker up"); chrome.runtime.onInstalled.addListener(() => console.info("installed"));
