declare module 'mochawesome/addContext.js' {
  import type { Context } from 'mocha';
  export default function addContext(test: Context, context: string | { title: string; value: unknown }): void;
}
declare module 'mochawesome' {
  const Mochawesome: new (...args: any[]) => unknown;
  export default Mochawesome;
}
