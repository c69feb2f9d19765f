import { createRoute } from '@tanstack/react-router';
import { MyWorkPage } from '../features/my-work/MyWorkPage';
import { authenticatedRoute } from './authenticated';

export const myWorkRoute = createRoute({ getParentRoute: () => authenticatedRoute, path: '/', component: MyWorkPage });
