import type { ThemeConfig } from 'antd';

/** Colours chosen for contrast (WCAG AA) on white; the header carries the city's red. */
export const HEADER_BACKGROUND = '#8f1d1d';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b57b7',
    colorLink: '#0b57b7',
    borderRadius: 6,
    fontFamily: "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // antd's default red (#ff4d4f) is below 4.5:1 on white; overdue counts must stay readable.
    colorError: '#cf1322',
    colorSuccess: '#237804',
    colorWarning: '#ad6800',
  },
  components: {
    Layout: { headerBg: HEADER_BACKGROUND, headerPadding: '0 16px', headerHeight: 56, bodyBg: '#f4f5f7' },
    Menu: { darkItemBg: HEADER_BACKGROUND, darkItemSelectedBg: '#5e1010', darkPopupBg: HEADER_BACKGROUND },
  },
};
