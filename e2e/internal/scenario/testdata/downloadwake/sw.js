// Names every download from a listener registered at the top level, so that a download started
// while the worker is stopped wakes it; records what the run saw.
self.seen = [];
chrome.downloads.onCreated.addListener((item) => self.seen.push(["created", item.id]));
chrome.downloads.onDeterminingFilename.addListener((item, suggest) => {
	self.seen.push(["determining", item.id, item.filename]);
	suggest({filename: "woken/" + item.filename});
});
