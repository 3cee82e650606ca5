// Records the privacy settings' changes for the scenario.
self.changes = [];
chrome.privacy.services.autofillCreditCardEnabled.onChange.addListener((d) => self.changes.push(d));
