// The Office global as the Microsoft sign-in uses it: requirement sets (NestedAppAuth) and the dialog API, on
// office-addin-mock objects. The test opens nothing itself: it raises the dialog's events as Office would.
import { OfficeMockObject } from "office-addin-mock";

export const EventType = { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" };

type Handler = (args: { message: string; origin: string | undefined } | { error: number }) => void;

export interface OfficeDialogStub {
  office: typeof Office;
  /** Every displayDialogAsync call. */
  opened: { url: string; options: unknown }[];
  /** How many times the pane closed the dialog. */
  readonly closed: number;
  /** The next displayDialogAsync fails with this code (e.g. 12011, blocked by the browser). */
  failNextOpen(code: number, message: string): void;
  /** The dialog page's messageParent (from the pane's origin unless told otherwise). */
  message(message: string, origin?: string): void;
  /** A DialogEventReceived, e.g. 12006 when the user closes the dialog. */
  event(code: number): void;
}

export function officeWithDialog(options: { nestedAppAuth: boolean; host?: string }): OfficeDialogStub {
  const opened: { url: string; options: unknown }[] = [];
  const handlers = new Map<string, Handler>();
  let closed = 0;
  let failure: { code: number; message: string } | null = null;
  const dialog = new OfficeMockObject({
    addEventHandler: (type: string, handler: Handler) => handlers.set(type, handler),
    close: () => closed++,
  });
  const context = new OfficeMockObject({
    requirements: {
      isSetSupported: (name: string, version: string) => options.nestedAppAuth && name === "NestedAppAuth" && version === "1.1",
    },
    ui: {
      displayDialogAsync: (url: string, dialogOptions: unknown, callback: (result: unknown) => void) => {
        opened.push({ url, options: dialogOptions });
        const failed = failure;
        failure = null;
        callback(
          failed
            ? { status: "failed", value: undefined, error: { code: failed.code, message: failed.message, name: "Error" } }
            : { status: "succeeded", value: dialog, error: undefined },
        );
      },
    },
  });
  const office = {
    onReady: async () => ({ host: options.host ?? "Word", platform: "PC" }),
    context,
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType,
  } as unknown as typeof Office;
  const raise = (type: string, args: Parameters<Handler>[0]) => {
    const handler = handlers.get(type);
    if (!handler) throw new Error(`no ${type} handler: the dialog was not opened`);
    handler(args);
  };
  return {
    office,
    opened,
    get closed() {
      return closed;
    },
    failNextOpen(code, message) {
      failure = { code, message };
    },
    message: (message, origin = "https://eval.example.gov.cn") => raise(EventType.DialogMessageReceived, { message, origin }),
    event: (code) => raise(EventType.DialogEventReceived, { error: code }),
  };
}
