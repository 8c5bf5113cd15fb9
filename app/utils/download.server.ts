// A generated file sent as a download: its type, an attachment name (ASCII) and no caching, since
// what it holds is one user's to see.
export function download(file: { filename: string; contentType: string; body: Uint8Array | string }): Response {
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename.replace(/[^\w.-]+/g, "-")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
