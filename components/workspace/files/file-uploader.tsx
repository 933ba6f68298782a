"use client";
// Drag-and-drop (or pick) upload with a progress bar per file. Each file is sent as the raw body
// of POST /api/v1/files/upload (the session cookie plus the Tessera-Tenant header), so it streams
// to storage and the browser reports upload progress. The server decides: type by content, size
// limits, the storage quota (413 with a message, shown under the file).
import * as React from "react";
import { useRouter } from "next/navigation";
import { CircleAlert, CircleCheck, Upload } from "lucide-react";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Progress } from "@/components/ui/progress";
import { formatBytes } from "@/lib/files/kinds";

interface UploadItem {
  id: number;
  name: string;
  size: number;
  loaded: number;
  state: "uploading" | "done" | "error";
  error?: string;
}

function send(
  file: File,
  { slug, kind, endpoint }: { slug: string; kind: "attachment" | "logo"; endpoint: string },
  onProgress: (loaded: number) => void,
): Promise<{ ok: true } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ filename: file.name || "file", kind });
    xhr.open("POST", `${endpoint}?${query}`);
    xhr.setRequestHeader("Tessera-Tenant", slug);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve({ ok: true });
      let message = `Upload failed (${xhr.status}).`;
      try {
        const body = JSON.parse(xhr.responseText) as { error?: { message?: string } };
        if (body.error?.message) message = body.error.message;
      } catch {
        // not JSON: keep the status message
      }
      resolve({ ok: false, message });
    };
    xhr.onerror = () => resolve({ ok: false, message: "The connection failed. Try again." });
    xhr.send(file);
  });
}

let nextId = 1;

export function FileUploader({
  slug,
  kind = "attachment",
  accept,
  maxBytes,
  label = "Drop files here or choose them",
  hint,
  multiple = true,
  disabled = false,
  endpoint = "/api/v1/files/upload",
}: {
  slug: string;
  /** Where the raw body goes (the knowledge base's documents use POST /api/v1/knowledge/documents). */
  endpoint?: string;
  kind?: "attachment" | "logo";
  /** The file picker's filter (the server checks the content whatever it says). */
  accept?: string;
  /** Files larger than this are refused here already (the server enforces it too). */
  maxBytes: number;
  label?: string;
  hint?: React.ReactNode;
  multiple?: boolean;
  disabled?: boolean;
}) {
  const router = useRouter();
  const input = React.useRef<HTMLInputElement>(null);
  const [items, setItems] = React.useState<UploadItem[]>([]);
  const [over, setOver] = React.useState(false);
  const inputId = React.useId();

  const update = (id: number, patch: Partial<UploadItem>) =>
    setItems((current) => current.map((item) => (item.id === id ? { ...item, ...patch } : item)));

  async function start(files: File[]) {
    if (disabled || files.length === 0) return;
    const chosen = multiple ? files : files.slice(0, 1);
    const queued = chosen.map((file) => ({
      file,
      item: { id: nextId++, name: file.name, size: file.size, loaded: 0, state: "uploading" as const },
    }));
    setItems((current) => [...queued.map((q) => q.item), ...current].slice(0, 20));
    let stored = 0;
    for (const { file, item } of queued) {
      if (file.size > maxBytes) {
        update(item.id, { state: "error", error: `Larger than ${formatBytes(maxBytes)}.` });
        continue;
      }
      const result = await send(file, { slug, kind, endpoint }, (loaded) => update(item.id, { loaded }));
      if (result.ok) {
        stored += 1;
        update(item.id, { state: "done", loaded: file.size });
      } else {
        update(item.id, { state: "error", error: result.message });
      }
    }
    if (stored > 0) router.refresh();
  }

  // A file picked before the page hydrated: its change event came before React listened, but the
  // input holds it, so it is uploaded once the component runs (on a slow first load a quick pick
  // would otherwise be lost).
  const startPickedBeforeHydration = React.useEffectEvent(() => {
    const picked = input.current?.files;
    if (!picked || picked.length === 0) return;
    void start([...picked]);
    if (input.current) input.current.value = "";
  });
  React.useEffect(() => startPickedBeforeHydration(), []);

  return (
    <div className="grid gap-3">
      <div
        className={cn(
          "flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed p-6 text-center text-sm transition-colors",
          over ? "border-brand bg-brand/5" : "border-border",
          disabled && "opacity-60",
        )}
        data-testid={`dropzone-${kind}`}
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          void start([...event.dataTransfer.files]);
        }}
      >
        <Upload aria-hidden className="size-6 text-muted-foreground" />
        <p className="font-medium">{label}</p>
        {hint && <p className="text-muted-foreground">{hint}</p>}
        <input
          ref={input}
          id={inputId}
          type="file"
          className="sr-only"
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          aria-label={kind === "logo" ? "Choose a logo" : "Choose files"}
          onChange={(event) => {
            void start([...(event.target.files ?? [])]);
            event.target.value = "";
          }}
        />
        <Button type="button" variant="outline" size="sm" disabled={disabled} onClick={() => input.current?.click()}>
          {kind === "logo" ? "Choose a logo" : "Choose files"}
        </Button>
      </div>
      {items.length > 0 && (
        <ul className="grid gap-3" aria-label="Uploads" aria-live="polite">
          {items.map((item) => (
            <li key={item.id} className="grid gap-1 text-sm" data-testid="upload-item" data-state={item.state}>
              {item.state === "uploading" ? (
                <Progress
                  label={item.name}
                  value={item.loaded}
                  max={Math.max(item.size, 1)}
                  valueText={`${formatBytes(item.loaded)} of ${formatBytes(item.size)}`}
                />
              ) : (
                <span className="flex items-start gap-2">
                  {item.state === "done" ? (
                    <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
                  ) : (
                    <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
                  )}
                  <span className="min-w-0">
                    <span className="font-medium break-all">{item.name}</span>{" "}
                    {item.state === "done" ? (
                      <span className="text-muted-foreground">uploaded ({formatBytes(item.size)}).</span>
                    ) : (
                      <span role="alert" className="text-destructive">
                        {item.error}
                      </span>
                    )}
                  </span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
