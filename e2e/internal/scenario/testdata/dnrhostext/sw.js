// The worker of the declarativeNetRequest host-access scenario: its rules are added by the steps.
self.ready = true;
