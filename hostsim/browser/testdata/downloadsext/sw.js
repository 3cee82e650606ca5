// Saves what the test asks for and records chrome.downloads' events.
self.events = [];
chrome.downloads.onCreated.addListener((item) => self.events.push(["created", item.id]));
chrome.downloads.onChanged.addListener((delta) => self.events.push(["changed", delta.id, Object.keys(delta).sort()]));
self.save = async (options) => {
	const id = await chrome.downloads.download(options);
	for (;;) {
		const [item] = await chrome.downloads.search({id});
		if (item.state !== "in_progress") return item;
		await new Promise((r) => setTimeout(r, 10));
	}
};
