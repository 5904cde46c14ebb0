declare module 'swagger-ui-dist' {
  /** Folder holding swagger-ui's static files. */
  export function absolutePath(): string;
}
