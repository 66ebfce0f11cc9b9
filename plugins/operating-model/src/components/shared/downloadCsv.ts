/** Offers a CSV to the browser as a download. */
export function downloadCsv(filename: string, csv: string) {
  // The byte order mark tells spreadsheets the file is UTF-8, so names with accents survive.
  const url = URL.createObjectURL(
    new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
