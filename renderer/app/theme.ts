import { createTheme } from '@mui/material/styles';

const fontFamily = ['Sarabun', '"TH Sarabun New"', 'Tahoma', 'sans-serif'].join(',');

/** Calm government palette: deep indigo with a muted gold accent. */
export const theme = createTheme({
  palette: {
    primary: { main: '#23307a', dark: '#172159', light: '#4a58a8' },
    secondary: { main: '#b8892b' },
    success: { main: '#2e7d32' },
    warning: { main: '#ed8a00' },
    error: { main: '#c62828' },
    background: { default: '#f4f5fa', paper: '#ffffff' },
  },
  typography: {
    fontFamily,
    fontSize: 15,
    h1: { fontWeight: 600 },
    h4: { fontWeight: 600 },
    h5: { fontWeight: 600 },
    h6: { fontWeight: 600 },
    button: { textTransform: 'none', fontWeight: 500 },
  },
  shape: { borderRadius: 8 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiPaper: { styleOverrides: { root: { backgroundImage: 'none' } } },
    MuiCard: { defaultProps: { variant: 'outlined' } },
  },
});
