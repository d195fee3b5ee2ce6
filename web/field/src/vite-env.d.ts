// Vite turns `import url from "file?url"` into the file's URL on our own origin.
declare module "*?url" {
  const url: string;
  export default url;
}
