import { z } from 'zod';
import { command, input } from '../define';

export const NotificationSettingsSchema = z.object({
  /** Desktop notifications for new orders and for results that need attention. */
  enabled: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/**
 * A desktop notification main asks for (event `notification:raised`): Electron shows it with its
 * own Notification, the browser preview's page with the Web Notification API.
 */
export const DeskNotificationSchema = z.object({
  workspaceId: z.string(),
  kind: z.enum(['new_orders', 'needs_attention']),
  count: z.number().int().positive(),
  title: z.string(),
  body: z.string(),
});
export type DeskNotification = z.infer<typeof DeskNotificationSchema>;

export const notificationCommands = {
  'notifications:get-settings': command({
    summary: 'Whether desktop notifications (new orders, results that need attention) are on.',
    input: input({}),
    output: NotificationSettingsSchema,
  }),
  'notifications:set-settings': command({
    summary: 'Turn desktop notifications on or off (for this desk, every workspace).',
    input: input({ enabled: z.boolean() }),
    output: NotificationSettingsSchema,
  }),
};
