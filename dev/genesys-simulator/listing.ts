/** The entity-listing envelope shared by GDPRRequestEntityListing and GDPRSubjectEntityListing (reference §4). */

export function entityListing<T>(all: readonly T[], pageSize: number, pageNumber: number, basePath: string) {
  const total = all.length;
  const pageCount = Math.ceil(total / pageSize);
  const uri = (page: number) => `${basePath}?pageSize=${pageSize}&pageNumber=${page}`;
  return {
    entities: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total,
    pageCount,
    firstUri: uri(1),
    selfUri: uri(pageNumber),
    lastUri: uri(Math.max(1, pageCount)),
    ...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
    ...(pageNumber > 1 ? { previousUri: uri(Math.min(pageNumber - 1, Math.max(1, pageCount))) } : {}),
  };
}
