// Registered with scripting.registerContentScripts.
self.registeredRan = location.pathname;
