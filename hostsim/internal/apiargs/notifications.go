package apiargs

// The schemas of notifications.idl as Chromium 156 uses them, and chrome.notifications' error
// texts (measured in the scenario notifications).
var (
	// NotificationTemplateTypes are notifications.TemplateType's values.
	NotificationTemplateTypes = []string{"basic", "image", "list", "progress"}
	// NotificationPermissionLevels are notifications.PermissionLevel's values.
	NotificationPermissionLevels = []string{"granted", "denied"}

	notificationImage   = param{kind: kindObject, optional: true, props: anyProps}
	notificationOptions = param{name: "options", kind: kindObject, ref: "notifications.NotificationOptions", props: map[string]param{
		"type":              {name: "type", kind: kindString, optional: true, enum: NotificationTemplateTypes},
		"iconUrl":           {name: "iconUrl", kind: kindString, optional: true},
		"iconBitmap":        notificationImage,
		"appIconMaskUrl":    {name: "appIconMaskUrl", kind: kindString, optional: true},
		"appIconMaskBitmap": notificationImage,
		"title":             {name: "title", kind: kindString, optional: true},
		"message":           {name: "message", kind: kindString, optional: true},
		"contextMessage":    {name: "contextMessage", kind: kindString, optional: true},
		"priority":          {name: "priority", kind: kindInteger, optional: true},
		"eventTime":         {name: "eventTime", kind: kindNumber, optional: true},
		"buttons": {name: "buttons", kind: kindArray, optional: true, items: &param{kind: kindObject, props: map[string]param{
			"title":      {name: "title", kind: kindString},
			"iconUrl":    {name: "iconUrl", kind: kindString, optional: true},
			"iconBitmap": notificationImage,
		}}},
		"imageUrl":    {name: "imageUrl", kind: kindString, optional: true},
		"imageBitmap": notificationImage,
		"items": {name: "items", kind: kindArray, optional: true, items: &param{kind: kindObject, props: map[string]param{
			"title":   {name: "title", kind: kindString},
			"message": {name: "message", kind: kindString},
		}}},
		"progress":           {name: "progress", kind: kindInteger, optional: true},
		"isClickable":        {name: "isClickable", kind: kindBoolean, optional: true},
		"requireInteraction": {name: "requireInteraction", kind: kindBoolean, optional: true},
		"silent":             {name: "silent", kind: kindBoolean, optional: true},
	}}
	notificationID = param{name: "notificationId", kind: kindString}

	NotificationsCreateMethod = register(&Method{Name: "notifications.create", hasCallback: true, params: []param{
		{name: "notificationId", kind: kindString, optional: true}, notificationOptions, optionalCallback,
	}})
	NotificationsUpdateMethod = register(&Method{Name: "notifications.update", hasCallback: true, params: []param{
		notificationID, notificationOptions, optionalCallback,
	}})
	NotificationsClearMethod              = register(&Method{Name: "notifications.clear", hasCallback: true, params: []param{notificationID, optionalCallback}})
	NotificationsGetAllMethod             = register(&Method{Name: "notifications.getAll", hasCallback: true, params: []param{optionalCallback}})
	NotificationsGetPermissionLevelMethod = register(&Method{Name: "notifications.getPermissionLevel", hasCallback: true, params: []param{optionalCallback}})
)

// chrome.notifications' errors in Chromium 156. Chrome reuses the list and image texts for the
// opposite case too: a list without items, an image notification without an image.
const (
	// ErrNotificationRequired: create without type, iconUrl, title or message.
	ErrNotificationRequired = "Some of the required properties are missing: type, iconUrl, title and message."
	// ErrNotificationImages: an icon, image or button icon that does not load.
	ErrNotificationImages = "Unable to download all specified images."
	// ErrNotificationListItems: items on a non-list notification, or a list with none.
	ErrNotificationListItems = "List items provided for notification type != list"
	// ErrNotificationImage: an image on a non-image notification, or an image one without.
	ErrNotificationImage = "Image resource provided for notification type != image"
	// ErrNotificationProgressType: progress on a non-progress notification.
	ErrNotificationProgressType = "The progress value should not be specified for non-progress notification"
	// ErrNotificationProgressRange: progress outside 0–100.
	ErrNotificationProgressRange = "The progress value should range from 0 to 100"
)
