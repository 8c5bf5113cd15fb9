/** The English side of a namespace: the same keys as the Vietnamese one, every value a string. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
