import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type DocumentKind = 'urging_letter' | 'review' | 'briefing' | 'inspection_conclusion';
export const DOCUMENT_KINDS: DocumentKind[] = ['urging_letter', 'review', 'briefing', 'inspection_conclusion'];
export type Authority = '' | 'TM.' | 'KT.' | 'TL.' | 'TUQ.' | 'Q.';

export interface Signer {
  id: number;
  documentKind: DocumentKind;
  authority: Authority;
  onBehalfOf: string | null;
  title: string;
  fullName: string;
  isDefault: boolean;
  active: boolean;
  /** The block as it prints: "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG". */
  lines: string[];
}
export type SignerInput = Omit<Signer, 'id' | 'lines'>;

export interface Organisation {
  name: string;
  shortName: string;
  parentName: string | null;
  place: string;
}

/** Configured signers of one kind of document (active only), or all of them for the administrator. */
export function useSigners(kind?: DocumentKind, all = false) {
  return useQuery({
    queryKey: ['signers', kind ?? 'all', all],
    queryFn: async () => (await api.get<{ items: Signer[] }>('/api/signers', { kind, all: all || undefined })).items,
  });
}

export function useOrganisation() {
  return useQuery({
    queryKey: ['organisation'],
    queryFn: () => api.get<Organisation>('/api/settings/organisation'),
    staleTime: 5 * 60_000,
  });
}

export function useSignerMutations() {
  const qc = useQueryClient();
  const refresh = (key: string) => () => void qc.invalidateQueries({ queryKey: [key] });
  return {
    saveSigner: useMutation({
      mutationFn: ({ id, ...body }: SignerInput & { id?: number }) =>
        id ? api.put<Signer>(`/api/signers/${id}`, body) : api.post<Signer>('/api/signers', body),
      onSuccess: refresh('signers'),
    }),
    saveOrganisation: useMutation({
      mutationFn: (body: Organisation) => api.put<Organisation>('/api/settings/organisation', body),
      onSuccess: refresh('organisation'),
    }),
  };
}
